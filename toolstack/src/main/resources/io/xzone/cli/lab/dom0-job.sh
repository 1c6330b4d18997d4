#!/bin/sh
# Runs one lab job (argument: the job's path without extension) in /lab/share and records its exit status.
. /lab/lab.env
export PATH=$LAB_PATH JAVA_HOME=$LAB_JAVA_HOME LAB_SHARE=/lab/share LAB_GUEST=/lab/guest HOME=/root
cd /lab/share
sh "$1.run" > "$1.out" 2>&1 < /dev/null
echo $? > "$1.rc.tmp"
mv "$1.rc.tmp" "$1.rc"

#!/bin/sh
# The lab's job agent in dom0. The host drops jobs into the exchange share (cache=none) and polls for the results:
#   ID.sh    a script to run (the host writes it under another name and renames it, so it is never seen half written)
#   ID.run   the same script once taken; its output goes to ID.out, its exit status to ID.rc (renamed into place last)
#   ID.kill  the host gave up waiting: kill the job's process group, status 137
#   poweroff end the lab
jobs=/lab/exchange/jobs
while true; do
    for job in "$jobs"/*.sh; do
        [ -e "$job" ] || continue
        id=${job%.sh}
        mv "$job" "$id.run"
        # Its own session, so that a kill reaches everything the script started.
        setsid /lab/run-job.sh "$id" &
        echo $! > "/run/lab-jobs/${id##*/}.pid"
    done
    for request in "$jobs"/*.kill; do
        [ -e "$request" ] || continue
        id=${request%.kill}
        rm -f "$request"
        pidfile=/run/lab-jobs/${id##*/}.pid
        [ -e "$pidfile" ] && kill -9 -"$(cat "$pidfile")" 2>/dev/null
        echo 137 > "$id.rc.tmp"
        mv "$id.rc.tmp" "$id.rc"
    done
    if [ -e "$jobs/poweroff" ]; then
        sync
        poweroff -f
    fi
    usleep 200000
done

#!/bin/sh
# PID 1 of the lab's dom0: mounts the kernel file systems and the host's 9p shares, loads the Xen and 9p modules,
# starts xenstored and xenconsoled like Debian's xencommons, prints XZONE-LAB-READY on the console and then runs the
# job agent (/lab/agent.sh). /lab/lab.env (written by the lab builder) gives LAB_MODULES and LAB_JAVA_HOME.
/usr/bin/busybox --install -s
. /lab/lab.env
export PATH=$LAB_PATH

fail() {
    echo "XZONE-LAB-FAILED $*"
    sleep 2
    poweroff -f
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# What udev would add and Xen's hotplug scripts need: their lock (locking.sh) stats /dev/stdin, and loops without it.
ln -sf /proc/self/fd /dev/fd
ln -sf /proc/self/fd/0 /dev/stdin
ln -sf /proc/self/fd/1 /dev/stdout
ln -sf /proc/self/fd/2 /dev/stderr
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /tmp
mkdir -p /run/xen /run/xenstored /run/lab-jobs /var/lib/xen /var/lib/xenstored /var/log/xen/console
hostname dom0

for module in $LAB_MODULES; do
    modprobe "$module" || fail "modprobe $module"
done
mount -t xenfs xenfs /proc/xen || fail "mount xenfs"

share() { # tag, mount point, extra options
    mount -t 9p -o "trans=virtio,version=9p2000.L,msize=512000,$3" "$1" "$2" || fail "mount 9p share $1 on $2"
}
# cache=loose on the read-only shares: without it every page fault is a 9p round trip (a PV create took 123 s, not 6 s).
# The exchange share carries jobs and results both ways, so it must not cache.
share xzone /xzone ro,cache=loose
share jvm /usr/lib/jvm ro,cache=loose
share guest /lab/guest ro,cache=loose
share exchange /lab/exchange cache=none

xenstored --pid-file=/run/xenstored.pid || fail "xenstored"
tries=0
until xenstore-read -s / >/dev/null 2>&1; do
    tries=$((tries + 1))
    [ $tries -lt 300 ] || fail "xenstored did not answer"
    usleep 100000
done
xen-init-dom0 || fail "xen-init-dom0"
xenconsoled --pid-file=/run/xenconsoled.pid --log=guest --log-dir=/var/log/xen/console || fail "xenconsoled"

echo "XZONE-LAB-READY $(cat /sys/hypervisor/guest_type 2>/dev/null)"
exec /lab/agent.sh

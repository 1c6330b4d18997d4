# The xzone tour: bin/demo runs this in the lab's dom0 (busybox sh, working folder /lab/share).
# xl, xenstore-*, java and xzone (this checkout's build) are on PATH. Add steps with `step "title"` and commands.
set -e
step() { printf '\n== %s\n' "$*"; }

step "Xen as dom0 sees it (xl info)"
xl info

step "xzone, run by dom0 from this checkout's build (xzone --version)"
xzone --version

step "What this host offers and what -V auto means here (xzone host info)"
xzone host info

step "Zones: the tiny guest launched as a PV and as a PVH zone (xzone zone launch -V pv / -V pvh)"
for backend in pv pvh; do
    xzone zone launch --no-supervise -V $backend -n demo-$backend -m 128 --cpus 1 \
        -k /lab/guest/vmlinux -i /lab/guest/initrd.cpio --cmdline "console=hvc0"
done
xzone zone list
for backend in pv pvh; do
    log=/var/log/xen/console/guest-demo-$backend.log
    i=0
    until grep -a -q XZONE-MARKER $log 2>/dev/null; do
        i=$((i + 1)); [ $i -lt 1500 ] || { echo "demo-$backend printed no marker"; exit 1; }
        usleep 200000
    done
    echo "demo-$backend says: $(grep -a -m1 XZONE-MARKER $log)"
done
xzone zone destroy demo-pv
xzone zone destroy demo-pvh

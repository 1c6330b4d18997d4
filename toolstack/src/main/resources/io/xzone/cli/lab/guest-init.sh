#!/bin/sh
# PID 1 of xzone's tiny test guest. Prints one marker line naming what Xen booted it as (PV, PVH, HVM; "none" off Xen)
# on every console the guest has, reports its paravirtual disks and vifs (XZONE-DISK, XZONE-NET lines on /dev/console),
# then does what the kernel command line's xzone.then= asks:
# shell (default: an interactive shell on the console), poweroff or reboot.
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev

guest_type=$(cat /sys/hypervisor/guest_type 2>/dev/null)
marker="XZONE-MARKER guest_type=${guest_type:-none}"
# /dev/console is one of hvc0/ttyS0 (whichever console= names); the others only exist when the guest has them.
# Writing to a serial port without a UART fails at once: ignore it.
echo "$marker" > /dev/console
active=$(cat /sys/class/tty/console/active 2>/dev/null)
for tty in hvc0 ttyS0; do
    case " $active " in *" $tty "*) continue ;; esac
    [ -c /dev/$tty ] && echo "$marker" > /dev/$tty 2>/dev/null
done

# Paravirtual disks and vifs (xen-blkfront, xen-netfront are modules of Debian's kernel, shipped in /lib/modules):
# loaded only when xenbus lists such a device, then one line each, e.g. "XZONE-DISK xvda sectors=16384 label=XZONEDISK"
# (the ext2 volume label: real bytes read through the ring) and "XZONE-NET eth0 mac=00:16:3e:..".
report() {
    echo "$1" > /dev/console
}
if ls /sys/bus/xen/devices/ 2>/dev/null | grep -q '^vbd-'; then
    insmod /lib/modules/xen-blkfront.ko 2>/dev/null
    i=0
    until ls /sys/block/ | grep -q '^xvd' || [ $i -ge 100 ]; do i=$((i + 1)); usleep 200000; done
    for disk in $(ls /sys/block/ | grep '^xvd'); do
        label=$(dd if=/dev/$disk bs=1 skip=1144 count=16 2>/dev/null | tr -d '\000')
        report "XZONE-DISK $disk sectors=$(cat /sys/block/$disk/size) label=$label"
    done
fi
if ls /sys/bus/xen/devices/ 2>/dev/null | grep -q '^vif-'; then
    insmod /lib/modules/xen-netfront.ko 2>/dev/null
    i=0
    until [ -e /sys/class/net/eth0 ] || [ $i -ge 100 ]; do i=$((i + 1)); usleep 200000; done
    for net in $(ls /sys/class/net/ | grep '^eth'); do
        report "XZONE-NET $net mac=$(cat /sys/class/net/$net/address)"
    done
fi

then=shell
for word in $(cat /proc/cmdline); do
    case "$word" in xzone.then=*) then=${word#xzone.then=} ;; esac
done
case "$then" in
    poweroff) sync; poweroff -f ;;
    reboot) sync; reboot -f ;;
esac
# An interactive shell with the console as its controlling terminal; a new one when it exits.
while true; do
    setsid cttyhack sh
done

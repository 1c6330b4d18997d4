#!/bin/sh
# PID 1 of xzone's tiny test guest. Prints one marker line naming what Xen booted it as (PV, PVH, HVM; "none" off Xen)
# on every console the guest has, then does what the kernel command line's xzone.then= asks:
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

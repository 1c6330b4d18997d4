#!/bin/bash
# The reference for xzone's bulk benchmark: the plain sequential shell script an operator would write to do the same
# offline edits with debugfs, one guest after the other. Input lines: IMAGE BOOT_OFFSET ROOT_OFFSET (bytes).
set -u

fs_mode() { # fs path -> "mode uid gid" of a regular file, empty when absent or not a regular file
    debugfs -R "stat $2" "$1" 2>/dev/null | awk '/Type: regular/{r=1} /Mode:/{m=$NF} /User:/{u=$2; g=$4} END{if (r) print m, u, g}'
}

replace() { # fs path local-file mode uid gid
    debugfs -w -f - "$1" >/dev/null 2>&1 <<EOF
rm $2
write $3 $2
sif $2 mode 0100$4
sif $2 uid $5
sif $2 gid $6
EOF
}

edit() { # fs path sed-program...
    local fs=$1 path=$2
    shift 2
    local meta
    meta=$(fs_mode "$fs" "$path")
    [ -n "$meta" ] || return 0
    debugfs -R "cat $path" "$fs" 2>/dev/null > "$work/old"
    sed "$@" "$work/old" > "$work/new"
    cmp -s "$work/old" "$work/new" || replace "$fs" "$path" "$work/new" $meta
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
while read -r image boot root; do
    b="$image?offset=$boot"
    r="$image?offset=$root"
    if [ "$boot" = "$root" ]; then prefix=/boot; else prefix=; fi
    for menu in $prefix/grub/grub.conf $prefix/grub/menu.lst; do
        edit "$b" "$menu" -e '/^[[:space:]]*splashimage/d' -e 's/(hd0)/(hd0,0)/g' -e 's/\<[hx]vc0\>/ttyS0/g' -e 's/ xencons=[^ ]*//g'
    done
    edit "$b" "$prefix/grub/grub.cfg" -e 's/\<[hx]vc0\>/ttyS0/g' -e 's/terminal_output gfxterm/terminal_output serial console/'
    edit "$r" /etc/default/grub -e 's/\<[hx]vc0\>/ttyS0/g' -e '$a GRUB_TERMINAL="serial console"' \
        -e '$a GRUB_SERIAL_COMMAND="serial --unit=0 --speed=115200"'
    edit "$r" /etc/inittab -e '/^#/!s/\<[hx]vc0\>/ttyS0/g'
    grep -q ttyS0 <(debugfs -R "cat /etc/securetty" "$r" 2>/dev/null) || edit "$r" /etc/securetty -e '$a ttyS0'
    meta=$(fs_mode "$r" /etc/init/hvc0.conf)
    if [ -n "$meta" ] && [ -z "$(fs_mode "$r" /etc/init/ttyS0.conf)" ]; then
        debugfs -R "cat /etc/init/hvc0.conf" "$r" 2>/dev/null | sed 's/hvc0/ttyS0/g' > "$work/job"
        debugfs -w -f - "$r" >/dev/null 2>&1 <<EOF
write $work/job /etc/init/ttyS0.conf
sif /etc/init/ttyS0.conf mode 0100${meta%% *}
EOF
    fi
    wants=/etc/systemd/system/getty.target.wants
    target=$(debugfs -R "stat $wants/serial-getty@hvc0.service" "$r" 2>/dev/null | sed -n 's/^Fast link dest: "\(.*\)"/\1/p')
    if [ -n "$target" ]; then
        debugfs -w -f - "$r" >/dev/null 2>&1 <<EOF
rm $wants/serial-getty@hvc0.service
symlink $wants/serial-getty@ttyS0.service $target
EOF
    fi
done

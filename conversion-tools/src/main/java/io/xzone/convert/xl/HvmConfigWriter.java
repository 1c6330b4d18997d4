package io.xzone.convert.xl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes the HVM xl.cfg of a converted PV guest: type="hvm", boot from CD first ("dc"), the guest's disks plus the GRUB
 * CD as a cdrom, the emulated serial port on a pty (the guest's console is now ttyS0), networks kept as they were.
 * Settings with the same meaning in HVM are carried over; PV boot settings are dropped (the CD boots the guest now).
 */
public final class HvmConfigWriter {
    /** PV-only boot settings, and the ones this writer sets itself. */
    private static final Set<String> REPLACED = Set.of("type", "builder", "bootloader", "bootloader_args", "kernel",
            "ramdisk", "extra", "root", "cmdline", "disk", "vif", "boot", "serial", "name", "memory", "vcpus");

    public String write(XlConfig pv, Path grubIso) throws XlConfigException {
        List<String> lines = new ArrayList<>();
        lines.add("# HVM guest converted from " + pv.file().getFileName() + " by xzone convert pv-to-hvm.");
        lines.add("# The GRUB CD chain-loads the bootloader configuration on partition 1 of the first disk.");
        lines.add("name = " + new XlValue.Text(pv.name()).toXl());
        lines.add("type = \"hvm\"");
        lines.add("memory = " + pv.memoryMib());
        lines.add("vcpus = " + pv.vcpus());
        List<XlValue> disks = new ArrayList<>();
        for (DiskSpec disk : pv.disks()) {
            disks.add(new XlValue.Text(disk.text()));
        }
        disks.add(new XlValue.Text(cdromEntry(grubIso)));
        lines.add("disk = " + new XlValue.ListValue(disks).toXl());
        lines.add("boot = \"dc\"");
        lines.add("serial = \"pty\"");
        if (!pv.vifs().isEmpty()) {
            lines.add("vif = " + new XlValue.ListValue(pv.vifs().stream().<XlValue>map(XlValue.Text::new).toList()).toXl());
        }
        for (XlSetting setting : pv.settingsInOrder()) {
            if (!REPLACED.contains(setting.key())) {
                lines.add(setting.key() + " = " + setting.value().toXl());
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /** The GRUB CD on the first IDE slave-free position xl gives CDs, read-only. */
    public static String cdromEntry(Path grubIso) {
        return "format=raw,vdev=hdc,access=ro,devtype=cdrom,target=" + grubIso;
    }
}

package io.xzone.convert.xl;

import java.nio.file.Path;

/**
 * Writes the xzone zone spec (TOML) of a converted guest, for {@code xzone zone launch -V hvm}: name, memory (MiB),
 * vcpus, backend "hvm", one [[disks]] table per disk and the GRUB CD, and an [hvm] table putting the emulated serial
 * port on a pty and booting from the CD first.
 */
public final class ZoneSpecWriter {

    public String write(XlConfig pv, Path grubIso) throws XlConfigException {
        StringBuilder toml = new StringBuilder();
        toml.append("# Zone converted from ").append(pv.file().getFileName()).append(" by xzone convert pv-to-hvm.\n");
        toml.append("name = ").append(quote(pv.name())).append('\n');
        toml.append("memory = ").append(pv.memoryMib()).append('\n');
        toml.append("vcpus = ").append(pv.vcpus()).append('\n');
        toml.append("backend = \"hvm\"\n");
        for (DiskSpec disk : pv.disks()) {
            toml.append("\n[[disks]]\n");
            toml.append("path = ").append(quote(disk.targetPath(pv.file().toAbsolutePath().getParent()).toString()))
                    .append('\n');
            toml.append("vdev = ").append(quote(disk.vdev())).append('\n');
            toml.append("format = ").append(quote(disk.format())).append('\n');
            toml.append("readonly = ").append(!disk.writable()).append('\n');
            toml.append("cdrom = ").append(disk.cdrom()).append('\n');
        }
        toml.append("\n[[disks]]\n");
        toml.append("path = ").append(quote(grubIso.toString())).append('\n');
        toml.append("vdev = \"hdc\"\nformat = \"raw\"\nreadonly = true\ncdrom = true\n");
        for (String vif : pv.vifs()) {
            toml.append("\n[[networks]]\n");
            toml.append("vif = ").append(quote(vif)).append('\n');
        }
        toml.append("\n[hvm]\nserial = \"pty\"\nboot = \"dc\"\n");
        return toml.toString();
    }

    /** A TOML basic string. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

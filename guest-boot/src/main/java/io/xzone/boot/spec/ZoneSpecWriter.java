package io.xzone.boot.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a validated zone back as a TOML spec: how a launch hands its zone (flags and file merged, uuid fixed) to the
 * supervisor that relaunches it on reboot. Reading the text back gives the same zone.
 */
public final class ZoneSpecWriter {
    private ZoneSpecWriter() {
    }

    public static String toToml(ZoneSpec spec) {
        List<String> lines = new ArrayList<>();
        lines.add("# written by xzone zone launch; the supervisor relaunches the zone from it");
        lines.add("name = " + quote(spec.name()));
        lines.add("uuid = " + quote(spec.uuid().toString()));
        lines.add("backend = " + quote(spec.backend().specName()));
        lines.add("memory = " + spec.memoryMib());
        lines.add("maxmem = " + spec.maxmemMib());
        lines.add("vcpus = " + spec.vcpus());
        lines.add("maxvcpus = " + spec.maxVcpus());
        spec.kernel().ifPresent(k -> lines.add("kernel = " + quote(k.toAbsolutePath().toString())));
        spec.ramdisk().ifPresent(r -> lines.add("ramdisk = " + quote(r.toAbsolutePath().toString())));
        lines.add("cmdline = " + quote(spec.cmdline()));
        lines.add("cpus = " + quote(spec.cpus().toString()));
        lines.add("on_poweroff = " + quote(spec.onPoweroff().specName()));
        lines.add("on_reboot = " + quote(spec.onReboot().specName()));
        lines.add("on_crash = " + quote(spec.onCrash().specName()));
        for (DiskSpec disk : spec.disks()) {
            lines.add("[[disk]]");
            lines.add("path = " + quote(disk.path().toAbsolutePath().toString()));
            lines.add("kind = " + quote(disk.kind().name().toLowerCase(java.util.Locale.ROOT)));
            lines.add("target = " + quote(disk.target()));
            lines.add("readonly = " + disk.readOnly());
            lines.add("cdrom = " + disk.cdrom());
        }
        for (NetworkSpec vif : spec.networks()) {
            lines.add("[[network]]");
            lines.add("bridge = " + quote(vif.bridge()));
            lines.add("mac = " + quote(vif.mac()));
        }
        if (spec.backend() == VirtBackend.HVM) {
            lines.add("[hvm]");
            lines.add("firmware = " + quote(spec.hvm().firmware().name().toLowerCase(java.util.Locale.ROOT)));
            lines.add("boot = " + quote(spec.hvm().bootOrder()));
            lines.add("serial = " + spec.hvm().serial());
        }
        return String.join("\n", lines) + "\n";
    }

    /** A TOML basic string: backslash, quote and control characters escaped. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
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

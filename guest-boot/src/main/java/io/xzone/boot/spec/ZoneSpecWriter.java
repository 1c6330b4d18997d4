package io.xzone.boot.spec;

import static io.xzone.text.Quoting.basicString;

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
        lines.add("name = " + basicString(spec.name()));
        lines.add("uuid = " + basicString(spec.uuid().toString()));
        lines.add("backend = " + basicString(spec.backend().specName()));
        lines.add("memory = " + spec.memoryMib());
        lines.add("maxmem = " + spec.maxmemMib());
        lines.add("vcpus = " + spec.vcpus());
        lines.add("maxvcpus = " + spec.maxVcpus());
        spec.kernel().ifPresent(k -> lines.add("kernel = " + basicString(k.toAbsolutePath().toString())));
        spec.ramdisk().ifPresent(r -> lines.add("ramdisk = " + basicString(r.toAbsolutePath().toString())));
        lines.add("cmdline = " + basicString(spec.cmdline()));
        lines.add("cpus = " + basicString(spec.cpus().toString()));
        lines.add("on_poweroff = " + basicString(spec.onPoweroff().specName()));
        lines.add("on_reboot = " + basicString(spec.onReboot().specName()));
        lines.add("on_crash = " + basicString(spec.onCrash().specName()));
        for (DiskSpec disk : spec.disks()) {
            lines.add("[[disk]]");
            lines.add("path = " + basicString(disk.path().toAbsolutePath().toString()));
            lines.add("kind = " + basicString(disk.kind().name().toLowerCase(java.util.Locale.ROOT)));
            lines.add("target = " + basicString(disk.target()));
            lines.add("readonly = " + disk.readOnly());
            lines.add("cdrom = " + disk.cdrom());
        }
        for (NetworkSpec vif : spec.networks()) {
            lines.add("[[network]]");
            lines.add("bridge = " + basicString(vif.bridge()));
            lines.add("mac = " + basicString(vif.mac()));
            lines.add("model = " + basicString(vif.model()));
        }
        if (spec.backend() == VirtBackend.HVM) {
            lines.add("[hvm]");
            lines.add("firmware = " + basicString(spec.hvm().firmware().name().toLowerCase(java.util.Locale.ROOT)));
            lines.add("boot = " + basicString(spec.hvm().bootOrder()));
            lines.add("serial = " + spec.hvm().serial());
        }
        return String.join("\n", lines) + "\n";
    }
}

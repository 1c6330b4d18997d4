package io.xzone.convert.xl;

import io.xzone.text.Quoting;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the xzone zone spec (TOML, as guest-boot's ZoneSpecFile reads it) of a converted guest, for
 * {@code xzone zone launch -V hvm}: name, memory (MiB), vcpus, backend "hvm", a [[disk]] per disk plus the GRUB CD,
 * a [[network]] per vif (bridge and mac), and [hvm] booting from the CD first with the emulated serial port on.
 */
public final class ZoneSpecWriter {

    public String write(XlConfig pv, Path grubIso) throws XlConfigException {
        Path folder = pv.file().toAbsolutePath().getParent();
        StringBuilder toml = new StringBuilder();
        toml.append("# Zone converted from ").append(pv.file().getFileName()).append(" by xzone convert pv-to-hvm.\n");
        toml.append("name = ").append(Quoting.basicString(pv.name())).append('\n');
        toml.append("backend = \"hvm\"\n");
        toml.append("memory = ").append(pv.memoryMib()).append('\n');
        toml.append("vcpus = ").append(pv.vcpus()).append('\n');
        for (DiskSpec disk : pv.disks()) {
            Path path = disk.targetPath(folder);
            toml.append("\n[[disk]]\n");
            toml.append("path = ").append(Quoting.basicString(path.toString())).append('\n');
            toml.append("kind = ").append(path.startsWith("/dev") ? "\"phy\"" : "\"file\"").append('\n');
            toml.append("target = ").append(Quoting.basicString(disk.vdev())).append('\n');
            if (!disk.writable()) {
                toml.append("readonly = true\n");
            }
            if (disk.cdrom()) {
                toml.append("cdrom = true\n");
            }
        }
        toml.append("\n[[disk]]\n");
        toml.append("path = ").append(Quoting.basicString(grubIso.toString())).append('\n');
        toml.append("target = \"hdc\"\ncdrom = true\n");
        for (String vif : pv.vifs()) {
            Map<String, String> fields = vifFields(vif);
            toml.append("\n[[network]]\n");
            if (fields.containsKey("bridge")) {
                toml.append("bridge = ").append(Quoting.basicString(fields.get("bridge"))).append('\n');
            }
            if (fields.containsKey("mac")) {
                toml.append("mac = ").append(Quoting.basicString(fields.get("mac"))).append('\n');
            }
        }
        toml.append("\n[hvm]\nboot = \"dc\"\nserial = true\n");
        return toml.toString();
    }

    private static Map<String, String> vifFields(String vif) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String item : vif.split(",")) {
            int eq = item.indexOf('=');
            if (eq > 0) {
                fields.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
            }
        }
        return fields;
    }
}

package io.xzone.convert.xl;

import io.xzone.text.Quoting;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the xzone zone spec (TOML, as guest-boot's ZoneSpecFile reads it) of a converted guest, for
 * {@code xzone zone launch -V hvm}: name, memory (MiB), vcpus, backend "hvm", the guest's CPU pinning and lifecycle
 * actions, a [[disk]] per disk plus the GRUB CD, a [[network]] per vif (bridge, mac and NIC model), and [hvm] booting from the CD
 * first with the emulated serial port on.
 */
public final class ZoneSpecWriter {
    /** xl's on_poweroff/on_reboot/on_crash values a zone spec knows too; the others (coredump-*, rename-restart, ...) are noted. */
    private static final Set<String> LIFECYCLE_ACTIONS = Set.of("destroy", "restart", "preserve");

    public String write(XlConfig pv, Path grubIso) throws XlConfigException {
        Path folder = pv.file().toAbsolutePath().getParent();
        StringBuilder toml = new StringBuilder();
        toml.append("# Zone converted from ").append(pv.file().getFileName()).append(" by xzone convert pv-to-hvm.\n");
        toml.append("name = ").append(Quoting.basicString(pv.name())).append('\n');
        toml.append("backend = \"hvm\"\n");
        toml.append("memory = ").append(pv.memoryMib()).append('\n');
        toml.append("vcpus = ").append(pv.vcpus()).append('\n');
        cpus(pv).ifPresent(cpus -> toml.append("cpus = ").append(Quoting.basicString(cpus)).append('\n'));
        lifecycle(pv, toml);
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
            for (String key : List.of("bridge", "mac", "model")) {
                if (fields.containsKey(key)) {
                    toml.append(key).append(" = ").append(Quoting.basicString(fields.get(key))).append('\n');
                }
            }
        }
        toml.append("\n[hvm]\nboot = \"dc\"\nserial = true\n");
        return toml.toString();
    }

    /** on_poweroff/on_reboot/on_crash when the zone spec knows the action, else a comment saying the default applies. */
    private static void lifecycle(XlConfig pv, StringBuilder toml) {
        for (String event : List.of("on_poweroff", "on_reboot", "on_crash")) {
            XlSetting action = pv.settings().get(event);
            if (action == null) {
                continue;
            }
            String value = action.value().plain();
            if (LIFECYCLE_ACTIONS.contains(value)) {
                toml.append(event).append(" = ").append(Quoting.basicString(value)).append('\n');
            } else {
                toml.append("# ").append(event).append(" = ").append(Quoting.basicString(value))
                        .append(" in the xl.cfg has no zone equivalent: the default applies\n");
            }
        }
    }

    /** xl's cpus: "1", "0-3" or a list of CPUs, as the one string a zone spec takes ("1,2"). */
    private static Optional<String> cpus(XlConfig pv) {
        XlSetting cpus = pv.settings().get("cpus");
        if (cpus == null) {
            return Optional.empty();
        }
        List<XlValue> items = cpus.value() instanceof XlValue.ListValue list ? list.items() : List.of(cpus.value());
        return Optional.of(String.join(",", items.stream()
                .map(XlValue::plain).toList()));
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

package io.xzone.cli.host;

import io.xzone.boot.backend.BackendChoice;
import io.xzone.boot.backend.BackendResolver;
import io.xzone.boot.backend.GuestType;
import io.xzone.boot.spec.VirtBackend;
import io.xzone.cli.Json;
import io.xzone.xen.Hypervisor;
import io.xzone.xen.PhysInfo;
import io.xzone.xen.XenVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Everything {@code xzone host info} says, gathered once, printed as text for people or JSON for scripts. */
record HostReport(XenVersion version, PhysInfo physinfo, Optional<GuestType> dom0, List<BackendOutcome> backends) {
    private static final long MIB = 1024 * 1024;

    static HostReport gather(Hypervisor xen, Optional<GuestType> dom0) {
        XenVersion version = xen.version();
        PhysInfo physinfo = xen.physinfo();
        // No kernel is given here: the outcomes say what the host allows; a zone's kernel is checked at launch.
        BackendResolver resolver = new BackendResolver(dom0, physinfo, Optional.empty());
        List<BackendOutcome> backends = new ArrayList<>();
        for (VirtBackend backend : VirtBackend.values()) {
            backends.add(BackendOutcome.of(resolver, backend));
        }
        return new HostReport(version, physinfo, dom0, backends);
    }

    String text() {
        StringBuilder out = new StringBuilder();
        line(out, "Xen version", version.toString());
        line(out, "capabilities", String.join(", ", capabilityNames()));
        line(out, "CPUs", physinfo.nrCpus() + " at " + physinfo.cpuKhz() / 1000 + " MHz");
        line(out, "memory", physinfo.totalMemoryBytes() / MIB + " MiB total, " + physinfo.freeMemoryBytes() / MIB
                + " MiB free");
        line(out, "dom0", dom0.map(GuestType::name).orElse("unknown (no /sys/hypervisor/guest_type)"));
        for (BackendOutcome outcome : backends) {
            String label = "-V " + outcome.requested().specName();
            if (!outcome.available()) {
                line(out, label, "unavailable: " + outcome.reason());
            } else if (outcome.requested() == VirtBackend.AUTO) {
                line(out, label, outcome.choice().get().type().cliName() + " (" + outcome.reason() + ")");
            } else {
                line(out, label, "available" + paging(outcome.choice().get()));
            }
        }
        return out.toString();
    }

    String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("xen_version", version.toString());
        root.put("capabilities", capabilityNames());
        root.put("nr_cpus", physinfo.nrCpus());
        root.put("cpu_mhz", physinfo.cpuKhz() / 1000);
        root.put("total_memory_mib", physinfo.totalMemoryBytes() / MIB);
        root.put("free_memory_mib", physinfo.freeMemoryBytes() / MIB);
        root.put("dom0_guest_type", dom0.map(GuestType::cliName).orElse(null));
        Map<String, Object> byBackend = new LinkedHashMap<>();
        for (BackendOutcome outcome : backends) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("available", outcome.available());
            entry.put("resolves_to", outcome.choice().map(c -> c.type().cliName()).orElse(null));
            entry.put("hap", outcome.choice().map(BackendChoice::hap).orElse(null));
            entry.put("reason", outcome.reason());
            byBackend.put(outcome.requested().specName(), entry);
        }
        root.put("backends", byBackend);
        return Json.write(root);
    }

    private List<String> capabilityNames() {
        return physinfo.capabilities().stream().sorted().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
    }

    private static String paging(BackendChoice choice) {
        if (!choice.type().hvmContainer()) {
            return "";
        }
        return choice.hap() ? " (hardware-assisted paging)" : " (shadow paging)";
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("%-14s %s%n", label, value));
    }
}

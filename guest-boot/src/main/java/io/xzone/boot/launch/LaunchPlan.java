package io.xzone.boot.launch;

import io.xzone.boot.backend.BackendChoice;

import io.xzone.boot.backend.GuestType;
import io.xzone.boot.device.PvDevices;
import io.xzone.boot.layout.Rings;
import io.xzone.boot.layout.XsNode;
import io.xzone.boot.layout.ZoneLayout;
import io.xzone.boot.spec.ZoneSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a launch will do, computed without touching Xen: the backend and why, the domain's configuration, the build
 * steps in order and every xenstore node with its permissions. {@code --dry-run} prints it.
 */
public record LaunchPlan(ZoneSpec spec, BackendChoice resolution, List<String> steps, List<XsNode> nodes) {
    /**
     * Xen assigns the domid at create time; the plan lays the nodes out for a stand-in domid that no guest can have
     * (DOMID_FIRST_RESERVED) and shows it as "D".
     */
    static final int PLANNED_DOMID = 0x7FF0;
    private static final Pattern PLANNED = Pattern.compile("(?<=[/nrwb\"])" + PLANNED_DOMID + "\\b");

    public LaunchPlan {
        steps = List.copyOf(steps);
        nodes = List.copyOf(nodes);
    }

    public static LaunchPlan of(ZoneSpec spec, BackendChoice resolution, List<String> steps) {
        ZoneLayout layout = new ZoneLayout(spec, resolution.type(), PLANNED_DOMID);
        List<XsNode> nodes = new ArrayList<>(layout.skeleton());
        nodes.addAll(layout.built(Rings.PLANNED, "<start time>"));
        nodes.addAll(layout.console(Rings.PLANNED));
        if (resolution.type() == GuestType.HVM) {
            nodes.addAll(layout.deviceModel());
        }
        PvDevices.of(spec, resolution.type(), PLANNED_DOMID).forEach(device -> nodes.addAll(device.nodes()));
        return new LaunchPlan(spec, resolution, steps, nodes);
    }

    /** The plan as the operator reads it. */
    public List<String> render() {
        List<String> lines = new ArrayList<>();
        lines.add("zone " + spec.name() + " (uuid " + spec.uuid() + ")");
        lines.add("backend: requested " + spec.backend().specName() + ", runs as " + resolution.type() + ": " + resolution.reason());
        lines.add("memory: " + spec.memoryMib() + " MiB (max " + spec.maxmemMib() + " MiB); vcpus: " + spec.vcpus()
                + " (max " + spec.maxVcpus() + "); cpus: " + spec.cpus());
        spec.kernel().ifPresent(k -> lines.add("kernel: " + k));
        spec.ramdisk().ifPresent(r -> lines.add("ramdisk: " + r));
        if (!spec.cmdline().isEmpty()) {
            lines.add("cmdline: " + spec.cmdline());
        }
        spec.disks().forEach(d -> lines.add("disk: " + d.target() + " <- " + d.kind().name().toLowerCase() + ":" + d.path()
                + (d.cdrom() ? " (cdrom)" : d.readOnly() ? " (read-only)" : "")));
        spec.networks().forEach(n -> lines.add("network: vif " + n.mac() + " on bridge " + n.bridge()
                + (resolution.type() == GuestType.HVM ? " (emulated " + n.model() + " on a tap, plus netback's vif)" : "")));
        lines.add("on_poweroff=" + spec.onPoweroff().specName() + " on_reboot=" + spec.onReboot().specName()
                + " on_crash=" + spec.onCrash().specName());
        lines.add("build steps:");
        for (int i = 0; i < steps.size(); i++) {
            lines.add("  " + (i + 1) + ". " + steps.get(i));
        }
        lines.add("xenstore nodes (D is the domid Xen assigns at create; (n0 rD) are the permissions):");
        for (XsNode node : nodes) {
            lines.add("  " + planned(node.describe()));
        }
        lines.add("dry run: nothing was created");
        return lines;
    }

    private static String planned(String text) {
        return PLANNED.matcher(text).replaceAll(Matcher.quoteReplacement("D"));
    }
}

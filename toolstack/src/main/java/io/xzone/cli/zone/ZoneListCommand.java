package io.xzone.cli.zone;

import io.xzone.boot.lifecycle.ZoneStatus;
import io.xzone.cli.ExitCode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xzone zone list}: every domain on the host, xzone's and xl's. */
@Command(name = "list",
        description = {
            "Lists every domain: name, domid, the backend its spec requested (- if xzone did not launch it), the type",
            "it actually runs as, xl's state letters (r running, b blocked, p paused, s shut down, c crashed, d dying),",
            "memory and vCPUs.",
        },
        footerHeading = "%nExamples:%n", footer = {"  xzone zone list", "  xzone zone list --output json"})
public final class ZoneListCommand implements Callable<Integer> {
    /** Output formats. */
    public enum Format { TEXT, JSON }

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    private final ZoneEnvironment environment;

    public ZoneListCommand() {
        this(new LocalZoneEnvironment());
    }

    public ZoneListCommand(ZoneEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        try (XenHost host = ZoneFailures.translate(environment::open)) {
            List<ZoneStatus> zones = ZoneFailures.translate(() -> host.inventory().list());
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.JSON) {
                out.println(json(zones));
            } else {
                out.printf("%-24s %5s %-9s %-5s %-6s %8s %5s%n", "NAME", "ID", "REQUESTED", "TYPE", "STATE", "MEM(MiB)", "VCPUS");
                for (ZoneStatus z : zones) {
                    out.printf("%-24s %5d %-9s %-5s %-6s %8d %5d%n", z.name(), z.domid(), z.requested(), z.type(), z.state(),
                            z.memoryMib(), z.vcpus());
                }
            }
            return ExitCode.OK;
        }
    }

    static String json(List<ZoneStatus> zones) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < zones.size(); i++) {
            ZoneStatus z = zones.get(i);
            text.append(i == 0 ? "\n" : ",\n").append("  {\"name\": ").append(Json.string(z.name()))
                    .append(", \"domid\": ").append(z.domid())
                    .append(", \"backend\": ").append(Json.string(z.requested()))
                    .append(", \"type\": ").append(Json.string(z.type()))
                    .append(", \"state\": ").append(Json.string(z.state()))
                    .append(", \"memory_mib\": ").append(z.memoryMib())
                    .append(", \"vcpus\": ").append(z.vcpus()).append('}');
        }
        return text.append(zones.isEmpty() ? "]" : "\n]").toString();
    }
}

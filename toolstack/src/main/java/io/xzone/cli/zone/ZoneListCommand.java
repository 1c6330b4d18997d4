package io.xzone.cli.zone;

import io.xzone.boot.lifecycle.ZoneStatus;
import io.xzone.cli.ExitCode;
import io.xzone.cli.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
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
        List<Map<String, Object>> list = new ArrayList<>();
        for (ZoneStatus z : zones) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", z.name());
            entry.put("domid", z.domid());
            entry.put("backend", z.requested());
            entry.put("type", z.type());
            entry.put("state", z.state());
            entry.put("memory_mib", z.memoryMib());
            entry.put("vcpus", z.vcpus());
            list.add(entry);
        }
        return Json.write(list);
    }
}

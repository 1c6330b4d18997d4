package io.xzone.cli.zone;

import io.xzone.boot.lifecycle.ZoneSupervisor;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.boot.spec.ZoneSpecFile;
import io.xzone.cli.ExitCode;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xzone zone supervise}: the per-zone background process `zone launch` starts. It waits for the guest to shut
 * down and carries out the spec's on_poweroff/on_reboot/on_crash; a restart launches the zone again from the spec
 * `zone launch` saved (same name and uuid, new domid) and keeps supervising it.
 */
@Command(name = "supervise", hidden = true,
        description = "Carries out on_poweroff/on_reboot/on_crash for one zone (started by 'zone launch').")
public final class ZoneSuperviseCommand implements Callable<Integer> {
    @Option(names = "--domid", required = true, description = "The zone's current domain id.")
    int domid;

    @Parameters(index = "0", paramLabel = "SPEC", description = "The spec 'zone launch' saved.")
    Path specFile;

    @Spec
    CommandSpec spec;

    private final ZoneEnvironment environment;

    public ZoneSuperviseCommand() {
        this(new LocalZoneEnvironment());
    }

    public ZoneSuperviseCommand(ZoneEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        try (XenHost host = ZoneFailures.translate(environment::open)) {
            // The zone itself runs under this name: no uniqueness check (its launch made it).
            ZoneSpec zone = ZoneFailures.translate(() -> ZoneSpecFile.read(specFile).build(Set.of()));
            ZoneSupervisor supervisor = new ZoneSupervisor(host.xen(), host.control(),
                    z -> ZoneFailures.translate(() -> host.launcher().launch(z)));
            ZoneSupervisor.Outcome outcome = Waiting.until(() -> supervisor.supervise(zone, domid));
            spec.commandLine().getOut().println("zone " + zone.name() + ": supervision ended, " + outcome.name().toLowerCase());
            return ExitCode.OK;
        }
    }
}

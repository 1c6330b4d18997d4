package io.xzone.cli.zone;

import io.xzone.cli.ExitCode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xzone zone supervise}: the per-zone background process `zone launch` starts. It waits for the guest to shut
 * down and carries out the spec's on_poweroff/on_reboot/on_crash; a restart launches the zone again from the spec
 * `zone launch` saved (same name and uuid, new domid) and keeps supervising it. It exits (1) at once if another
 * supervisor holds the zone's {@link SupervisorClaim}, e.g. a daemon that adopted the zone while this JVM started.
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
        spec.commandLine().getOut().println(ZoneSupervision.run(environment, SupervisorClaim.claim(specFile), domid));
        return ExitCode.OK;
    }
}

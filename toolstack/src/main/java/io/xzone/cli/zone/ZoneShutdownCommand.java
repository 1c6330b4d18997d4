package io.xzone.cli.zone;

import io.xzone.boot.lifecycle.ZoneControl;
import io.xzone.cli.CommandFailure;
import io.xzone.cli.ExitCode;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xzone zone shutdown}: asks the guest to power off and waits for it. */
@Command(name = "shutdown",
        description = {
            "Asks the zone's guest to power off (control/shutdown = poweroff, as xl shutdown does) and waits until it",
            "has. After --timeout seconds it says so and fails, or with --force destroys the zone.",
        },
        footerHeading = "%nExamples:%n",
        footer = {"  xzone zone shutdown web", "  xzone zone shutdown web --timeout 20 --force"})
public final class ZoneShutdownCommand extends ZoneNameCommand {
    @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long to wait (default ${DEFAULT-VALUE}).", defaultValue = "60")
    long timeoutSeconds;

    @Option(names = "--force", description = "Destroy the zone if it has not shut down in time.")
    boolean force;

    public ZoneShutdownCommand() {
        this(new LocalZoneEnvironment());
    }

    public ZoneShutdownCommand(ZoneEnvironment environment) {
        super(environment);
    }

    @Override
    int act(XenHost host, int domid) {
        ZoneControl control = host.control();
        control.requestShutdown(domid, "poweroff");
        if (Waiting.until(() -> control.await(domid, ZoneControl::goneOrShutDown, Duration.ofSeconds(timeoutSeconds)))) {
            say("zone " + zone + " shut down");
            return ok();
        }
        if (force) {
            control.destroy(domid);
            say("zone " + zone + " did not shut down within " + timeoutSeconds + " s; destroyed (--force)");
            return ok();
        }
        throw new CommandFailure(ExitCode.FAILED, "zone " + zone + " did not shut down within " + timeoutSeconds
                + " s and still runs; use --force to destroy it");
    }
}

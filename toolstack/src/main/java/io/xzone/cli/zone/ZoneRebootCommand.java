package io.xzone.cli.zone;

import io.xzone.boot.lifecycle.ZoneControl;
import io.xzone.boot.lifecycle.ZoneNotFoundException;
import io.xzone.cli.CommandFailure;
import io.xzone.cli.ExitCode;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xzone zone reboot}: asks the guest to reboot; its supervisor brings it back under a new domid. */
@Command(name = "reboot",
        description = {
            "Asks the zone's guest to reboot (control/shutdown = reboot). Its supervisor then destroys the domain and",
            "launches the zone again (on_reboot = restart); this waits until the new domain runs.",
        },
        footerHeading = "%nExamples:%n", footer = {"  xzone zone reboot web --timeout 120"})
public final class ZoneRebootCommand extends ZoneNameCommand {
    @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long to wait (default ${DEFAULT-VALUE}).", defaultValue = "120")
    long timeoutSeconds;

    public ZoneRebootCommand() {
        this(new LocalZoneEnvironment());
    }

    public ZoneRebootCommand(ZoneEnvironment environment) {
        super(environment);
    }

    @Override
    int act(XenHost host, int domid) {
        ZoneControl control = host.control();
        Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
        control.requestShutdown(domid, "reboot");
        if (!Waiting.until(() -> control.await(domid, info -> info.isEmpty(), Duration.between(Instant.now(), deadline)))) {
            throw new CommandFailure(ExitCode.FAILED, "zone " + zone + " did not reboot within " + timeoutSeconds + " s");
        }
        while (Instant.now().isBefore(deadline)) {
            try {
                int again = host.inventory().domidOf(zone);
                say("zone " + zone + " rebooted: domain " + domid + " -> " + again);
                return ok();
            } catch (ZoneNotFoundException e) {
                Waiting.sleep(Duration.ofMillis(200));
            }
        }
        throw new CommandFailure(ExitCode.FAILED, "zone " + zone + " went down but did not come back within "
                + timeoutSeconds + " s (on_reboot is not restart, or its supervisor is not running)");
    }
}

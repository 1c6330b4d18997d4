package io.xzone.cli.zone;

import picocli.CommandLine.Command;

/** {@code xzone zone pause}: stops scheduling a zone's vCPUs. */
@Command(name = "pause", description = "Pauses a zone: its vCPUs stop until 'zone unpause'.",
        footerHeading = "%nExamples:%n", footer = {"  xzone zone pause web"})
public final class ZonePauseCommand extends ZoneNameCommand {
    public ZonePauseCommand() {
        this(new LocalZoneEnvironment());
    }

    public ZonePauseCommand(ZoneEnvironment environment) {
        super(environment);
    }

    @Override
    int act(XenHost host, int domid) {
        host.control().pause(domid);
        say("zone " + zone + " paused");
        return ok();
    }
}

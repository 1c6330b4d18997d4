package io.xzone.cli.zone;

import picocli.CommandLine.Command;

/** {@code xzone zone unpause}: resumes a paused zone. */
@Command(name = "unpause", description = "Resumes a paused zone.",
        footerHeading = "%nExamples:%n", footer = {"  xzone zone unpause web"})
public final class ZoneUnpauseCommand extends ZoneNameCommand {
    public ZoneUnpauseCommand() {
        this(new LocalZoneEnvironment());
    }

    public ZoneUnpauseCommand(ZoneEnvironment environment) {
        super(environment);
    }

    @Override
    int act(XenHost host, int domid) {
        host.control().unpause(domid);
        say("zone " + zone + " unpaused");
        return ok();
    }
}

package io.xzone.cli.zone;

import picocli.CommandLine.Command;

/** {@code xzone zone destroy}: ends a zone at once, like xl destroy. */
@Command(name = "destroy",
        description = "Destroys a zone at once (no guest shutdown) and removes its xenstore nodes and device model.",
        footerHeading = "%nExamples:%n", footer = {"  xzone zone destroy web"})
public final class ZoneDestroyCommand extends ZoneNameCommand {
    public ZoneDestroyCommand() {
        this(new LocalZoneEnvironment());
    }

    public ZoneDestroyCommand(ZoneEnvironment environment) {
        super(environment);
    }

    @Override
    int act(XenHost host, int domid) {
        host.control().destroy(domid);
        say("zone " + zone + " (domain " + domid + ") destroyed");
        return ok();
    }
}

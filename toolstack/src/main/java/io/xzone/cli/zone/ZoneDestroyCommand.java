package io.xzone.cli.zone;

import picocli.CommandLine.Command;

/** {@code xzone zone destroy}: ends a zone at once, like xl destroy. */
@Command(name = "destroy",
        description = {
            "Destroys a zone at once (no guest shutdown) and removes its devices, xenstore nodes and device model.",
            "Like xl destroy it goes on past what it cannot clean (a backend whose xenstore work fails): the domain",
            "is destroyed regardless, then the one-line error names each leftover (exit 1).",
        },
        footerHeading = "%nExamples:%n", footer = {"  xzone zone destroy web"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:The zone is gone and everything it used was cleaned up.",
            "1:Something was left (named in the message); the domain is destroyed unless the message says it still exists.",
            "3:Xen is not reachable.",
            "5:No zone of that name runs.",
        })
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

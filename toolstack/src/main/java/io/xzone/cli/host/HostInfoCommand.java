package io.xzone.cli.host;

import io.xzone.cli.XenAccess;
import io.xzone.xen.Hypervisor;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xzone host info}: the Xen host and what {@code -V auto} resolves to here, and why. */
@Command(
        name = "info",
        sortOptions = false,
        description = {
            "Shows the Xen version, the host's capabilities (pv, hvm, hap, shadow), CPUs and memory, what dom0 "
                    + "booted as (/sys/hypervisor/guest_type), and for each -V backend whether it works here: "
                    + "what auto resolves to and why, and why pvh or hvm are refused on a host without VT-x/AMD-V.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  xzone host info",
            "  xzone host info --output json | jq -r .backends.auto.resolves_to",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:The host was described.",
            "1:A Xen call failed (the message names it).",
            "3:Xen is not reachable (not a Xen dom0, no /dev/xen, no privilege, or not Xen 4.17).",
        })
public final class HostInfoCommand implements Callable<Integer> {
    /** How to print the report. */
    enum Output { text, json }

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (for people, the default) or json (for scripts): ${COMPLETION-CANDIDATES}.")
    Output output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final XenAccess xen;

    HostInfoCommand(XenAccess xen) {
        this.xen = xen;
    }

    @Override
    public Integer call() {
        HostReport report;
        try (Hypervisor hypervisor = xen.openHypervisor()) {
            report = HostReport.gather(hypervisor, xen.dom0GuestType());
        }
        spec.commandLine().getOut().print(output == Output.json ? report.json() + System.lineSeparator() : report.text());
        spec.commandLine().getOut().flush();
        return 0;
    }
}

package io.xzone.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code xzone lab}: the Xen-in-QEMU lab (a real Xen 4.17 and Debian dom0 under TCG), for trying xzone and for tests. */
@Command(
        name = "lab",
        description = {
            "The Xen lab: boots a real Xen 4.17 hypervisor and a Debian dom0 inside QEMU (software emulation, no VT-x "
                    + "needed) and runs scripts in dom0, where xl, java and this project's xzone are on PATH.",
        },
        subcommands = {LabRunCommand.class})
public final class LabCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

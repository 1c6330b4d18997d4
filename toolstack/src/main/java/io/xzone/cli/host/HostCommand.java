package io.xzone.cli.host;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code xzone host}: what the Xen host is and can do. */
@Command(
        name = "host",
        description = "The Xen host this dom0 runs on: version, capabilities, CPUs, memory, and which backends work here.",
        subcommands = {HostInfoCommand.class})
public final class HostCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

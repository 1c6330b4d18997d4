package io.xzone.cli;

import io.xzone.cli.zone.ZoneEnvironment;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code xzone} command: the root of every subcommand, its global options and its error handling. */
@Command(
        name = "xzone",
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "A Xen toolstack for dom0: launches zones as PV, PVH or HVM domains, gives you their consoles, "
                    + "and converts PV guests to HVM in bulk.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  xzone --version",
            "  xzone <command> --help    help on one command",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success.",
            "1:The operation failed (the message names the step and the reason).",
            "2:Bad input: unknown flag, bad value, invalid spec or config; nothing changed.",
            "3:Xen is not reachable (not a Xen dom0, no /dev/xen, or no privilege).",
            "4:The host cannot do what was asked (e.g. pvh/hvm without VT-x/AMD-V).",
            "5:The named zone, console or guest does not exist.",
            "6:Bulk work finished but some items failed (see the report).",
        },
        subcommands = {
            ConsoleCommand.class,
            io.xzone.cli.convert.ConvertCommand.class,
            io.xzone.cli.daemon.DaemonCommand.class,
            LabCommand.class,
            io.xzone.cli.host.HostCommand.class,
            io.xzone.cli.zone.ZoneCommand.class,
        })
public final class Xzone implements Runnable {

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
            description = "On failure, print the full stack trace as well as the one-line message.")
    boolean stacktrace;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Log what xzone does (to stderr).")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // No subcommand: show what there is to do instead of doing nothing silently.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with xzone's error handling, writing to the given streams, on the real host. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, XenAccess.system());
    }

    /** The same, reaching Xen through {@code xen} (tests pass a fake hypervisor). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, XenAccess xen) {
        return commandLine(out, err, new XzoneFactory(xen));
    }

    /**
     * The same on the real host, with the zone commands working in {@code zones} (the resident daemon's, which
     * supervises zones in-process).
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, ZoneEnvironment zones) {
        return commandLine(out, err, new XzoneFactory(XenAccess.system(), Optional.of(zones)));
    }

    /** The same, with commands made by {@code factory} (tests give the zone commands a fake machine this way). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(new Xzone(), factory);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(new BadInputHandler());
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    public static void main(String[] args) {
        // slf4j-simple reads its level once, when the first logger is made, which happens while picocli builds the
        // command model: so --verbose must take effect before parsing.
        if (Arrays.asList(args).contains("--verbose")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}

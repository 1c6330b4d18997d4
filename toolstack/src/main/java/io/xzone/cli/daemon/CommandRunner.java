package io.xzone.cli.daemon;

import io.xzone.cli.ExitCode;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs one request's command in this JVM as {@code xzone ARGS} would run in the client's working folder: on a command
 * line of its own while it runs (requests run concurrently, and picocli's command objects hold the parsed values),
 * whose Path and File arguments resolve against the client's folder. That covers every relative path the served commands
 * take: SPEC, --kernel, --ramdisk (and the paths inside a spec file, which are relative to the spec's own folder).
 * The daemon's own working folder is never used.
 */
final class CommandRunner {
    /** Where the command lines come from (the daemon reuses them; tests may make a new one each time). */
    interface CommandLines {
        /** A command line for one request alone. */
        CommandLine take();

        /** The request that took {@code used} has run: it may serve a later one. */
        default void giveBack(CommandLine used) {
        }
    }

    private final CommandLines commandLines;

    CommandRunner(CommandLines commandLines) {
        this.commandLines = commandLines;
    }

    int run(List<String> args, Path cwd, PrintWriter out, PrintWriter err) {
        if (!Routing.served(args)) {
            err.println("xzone: the xzone daemon runs only the zone commands and host info; run this one with"
                    + " XZONE_DAEMON=off");
            return ExitCode.BAD_INPUT;
        }
        CommandLine commandLine = commandLines.take();
        try {
            commandLine.setOut(out);
            commandLine.setErr(err);
            commandLine.registerConverter(Path.class, cwd::resolve);
            commandLine.registerConverter(File.class, name -> cwd.resolve(name).toFile());
            return commandLine.execute(args.toArray(String[]::new));
        } finally {
            commandLines.giveBack(commandLine);
        }
    }
}

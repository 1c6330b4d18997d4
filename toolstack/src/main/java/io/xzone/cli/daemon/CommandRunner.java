package io.xzone.cli.daemon;

import io.xzone.cli.ExitCode;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs one request's command in this JVM as {@code xzone ARGS} would run in the client's working folder: a fresh
 * command line per request (requests run concurrently, and picocli's command objects hold the parsed values), whose
 * Path and File arguments resolve against the client's folder. That covers every relative path the served commands
 * take: SPEC, --kernel, --ramdisk (and the paths inside a spec file, which are relative to the spec's own folder).
 * The daemon's own working folder is never used.
 */
final class CommandRunner {
    /** Makes the command line writing to the given streams (the real one, or a test's). */
    interface CommandLines {
        CommandLine make(PrintWriter out, PrintWriter err);

        /** A command made by {@link #make} has run: a moment to prepare for the next request without slowing one. */
        default void ran() {
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
        CommandLine commandLine = commandLines.make(out, err);
        commandLine.registerConverter(Path.class, cwd::resolve);
        commandLine.registerConverter(File.class, name -> cwd.resolve(name).toFile());
        try {
            return commandLine.execute(args.toArray(String[]::new));
        } finally {
            commandLines.ran();
        }
    }
}

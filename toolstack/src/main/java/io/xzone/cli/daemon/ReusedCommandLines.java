package io.xzone.cli.daemon;

import io.xzone.cli.Xzone;
import io.xzone.cli.zone.ZoneEnvironment;
import java.io.PrintWriter;
import java.io.Writer;
import picocli.CommandLine;

/**
 * The daemon's command lines, reused from one request to the next. Building picocli's model (reflection over every
 * command class and option) costs the lab's one-vCPU dom0 ~0.1 s of CPU, which a request would pay or, built in the
 * background, would take from the request running beside it. picocli resets every option and parameter to its initial
 * value when it parses, and the served commands keep nothing else between runs, so a line that has run serves the next
 * request as a new one would. Requests running at the same time each get their own (the command objects hold the
 * parsed values).
 */
final class ReusedCommandLines implements CommandRunner.CommandLines {
    /** Concurrent requests beyond this many build a line that is then dropped. */
    private static final int KEPT = 4;

    private final Reusables<CommandLine> lines;

    ReusedCommandLines(ZoneEnvironment zones) {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        this.lines = new Reusables<>(KEPT, () -> Xzone.commandLine(none, none, zones), line -> { });
    }

    @Override
    public CommandLine take() {
        return lines.take();
    }

    @Override
    public void giveBack(CommandLine used) {
        lines.giveBack(used);
    }
}

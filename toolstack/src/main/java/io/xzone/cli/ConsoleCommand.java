package io.xzone.cli;

import io.xzone.console.ConsoleTarget;
import io.xzone.console.ConsoleType;
import io.xzone.console.Consoles;
import io.xzone.console.NoSuchConsole;
import io.xzone.console.attach.AttachSession;
import io.xzone.console.attach.ConsoleLink;
import io.xzone.console.attach.EscapeKey;
import io.xzone.console.picker.ConsolePicker;
import io.xzone.console.server.ConsoleServers;
import io.xzone.console.server.LogSettings;
import io.xzone.console.server.ProcessServerLauncher;
import io.xzone.console.server.RunDirectory;
import io.xzone.console.zones.XenStoreZones;
import io.xzone.console.zones.Zone;
import io.xzone.xen.JnaXenStore;
import io.xzone.xen.XenException;
import io.xzone.xen.XenStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xzone console}: attach to a zone's hvc0 or ttyS0, or pick one from a full-screen menu. */
@Command(
        name = "console",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Attaches this terminal to a zone's console: pv is hvc0 (served by xenconsoled), serial is ttyS0 (the "
                    + "emulated serial port of an HVM zone's device model). Press the escape key (Ctrl-] unless "
                    + "--escape says otherwise) to leave; the terminal is restored however the session ends.",
            "Several people can watch the same console at once: the first 'xzone console' starts a background console "
                    + "server that keeps each console's last 1 MiB of output (replayed to whoever attaches later) and "
                    + "ends when its zones do.",
            "Without ZONE: a full-screen menu of every running zone's consoles with their state (live: printed in the "
                    + "last 30 s, idle, absent) and last line. Up/Down choose, Enter attaches, the escape key comes "
                    + "back to the menu, q quits. Needs a terminal.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  xzone console                       the menu",
            "  xzone console web1                  web1's primary console (PV/PVH: pv, HVM: serial)",
            "  xzone console web1 -t serial        its emulated serial port (ttyS0)",
            "  xzone console 7 --escape ^A         domain 7, leave with Ctrl-A",
            "  xzone console web1 --log-dir /var/log/xzone/console --log-max 10M",
            "  (echo 'uname -a'; sleep 2) | xzone console web1 -t pv     scripted: without a TTY the bytes pass as they are",
            "%nExit codes: 0 detached (escape key, the console ended, or input ended); 1 the console could not be "
                    + "opened; 2 bad flag, or no terminal for the menu; 3 xenstore not reachable; 5 no such zone or "
                    + "console.",
        })
final class ConsoleCommand implements Callable<Integer> {
    /** Which console to attach to. */
    enum Choice {
        auto, pv, serial;

        ConsoleType resolve(Zone zone) {
            return switch (this) {
                case pv -> ConsoleType.PV;
                case serial -> ConsoleType.SERIAL;
                case auto -> zone.kind().primaryConsole();
            };
        }
    }

    /** When -t auto checks again whether the chosen console is silent while the other one talks. */
    private static final long HINT_DELAY_SECONDS = 5;

    @Parameters(paramLabel = "ZONE", arity = "0..1", description = "Zone name or domain id; none: the menu.")
    String zone;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", defaultValue = "auto",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: serial for HVM zones, pv otherwise, "
                    + "as xl does; says so when that console is silent and the other one is live).")
    Choice type;

    @Option(names = "--escape", paramLabel = "KEY", defaultValue = "^]",
            description = "The key that leaves a console: ^X or ctrl-X (default: ${DEFAULT-VALUE}).")
    String escape;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for the console of a zone that is still starting (default: ${DEFAULT-VALUE}).")
    long waitSeconds;

    @Option(names = "--log-dir", paramLabel = "DIR",
            description = "Keep each console's output in DIR/ZONE-TYPE.log (applies when this command starts the "
                    + "console server; a running server keeps its settings).")
    Path logDir;

    @Option(names = "--log-max", paramLabel = "SIZE", defaultValue = "10M",
            description = "Cap of each log file; the previous one is kept as .1 (default: ${DEFAULT-VALUE}).")
    String logMax;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * jline reports through java.util.logging, straight onto the operator's screen: a missing native library or a TERM
     * it has no description for (no infocmp, as in a minimal dom0) came out as a warning with a stack trace in the
     * middle of the console. It copes with both; they are silenced. Held here because loggers are referenced weakly.
     */
    private static final Logger JLINE_LOG = Logger.getLogger("org.jline");

    @Override
    public Integer call() throws Exception {
        EscapeKey escapeKey = escapeKey();
        LogSettings log = logDir == null ? null : new LogSettings(logDir, ByteSize.parse("--log-max", logMax));
        if (waitSeconds < 0) {
            throw CommandFailure.badInput("--wait must be 0 or more seconds, got " + waitSeconds);
        }
        boolean tty = System.console() != null;
        if (zone == null && !tty) {
            throw CommandFailure.badInput("the console menu needs a terminal (stdin and stdout are not a TTY); "
                    + "name a zone to attach without one: xzone console ZONE");
        }
        try (XenStore store = openXenStore()) {
            XenStoreZones zones = new XenStoreZones(store);
            Path socket = RunDirectory.resolve(System.getenv()).resolve("consoles.sock");
            Consoles consoles = new Consoles(zones, zones, new ConsoleServers(socket, new ProcessServerLauncher(log)),
                    Clock.systemUTC());
            try (Terminal terminal = terminal(tty)) {
                if (zone == null) {
                    new ConsolePicker(terminal, consoles, escapeKey, Duration.ofSeconds(1)).run();
                    return ExitCode.OK;
                }
                return attach(consoles, terminal, escapeKey);
            }
        }
    }

    private EscapeKey escapeKey() {
        try {
            return EscapeKey.parse(escape);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.badInput("--escape: " + e.getMessage());
        }
    }

    private static XenStore openXenStore() {
        try {
            return JnaXenStore.open();
        } catch (XenException | UnsatisfiedLinkError e) {
            throw new CommandFailure(ExitCode.NO_XEN, "cannot reach xenstore: " + e.getMessage());
        }
    }

    private static Terminal terminal(boolean tty) throws IOException {
        JLINE_LOG.setLevel(Level.OFF);
        if (tty) {
            return TerminalBuilder.builder().system(true).build();
        }
        // Scripted use: no line discipline to emulate, the bytes pass through as they are.
        return TerminalBuilder.builder().system(false).streams(System.in, System.out).type(Terminal.TYPE_DUMB).build();
    }

    private int attach(Consoles consoles, Terminal terminal, EscapeKey escapeKey) throws Exception {
        ConsoleTarget target;
        Zone found;
        try {
            found = consoles.zone(zone);
            target = consoles.target(found, type.resolve(found), Duration.ofSeconds(waitSeconds));
        } catch (NoSuchConsole e) {
            throw new CommandFailure(ExitCode.NOT_FOUND, e.getMessage());
        }
        ConsoleLink link;
        try {
            link = consoles.attach(target);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.FAILED, "cannot attach to " + target.describe() + ": " + e.getMessage());
        }
        PrintWriter screen = terminal.writer();
        screen.print("[xzone: attached to " + target.describe() + "; " + escapeKey.describe() + " leaves]\r\n");
        screen.flush();
        ScheduledExecutorService hints = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "console-hint");
            thread.setDaemon(true);
            return thread;
        });
        if (type == Choice.auto) {
            // Open the other console in the server now, so that by the check it has had time to show it is live.
            hints.execute(() -> consoles.view(found, target.type().other()));
            hints.schedule(() -> consoles.silenceHint(found, target.type()).ifPresent(hint -> {
                screen.print("\r\n[xzone: " + hint + "]\r\n");
                screen.flush();
            }), HINT_DELAY_SECONDS, TimeUnit.SECONDS);
        }
        AttachSession.Outcome outcome;
        try {
            outcome = new AttachSession(terminal, escapeKey).run(link);
        } finally {
            hints.shutdownNow();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println();
        out.println(switch (outcome) {
            case ESCAPED -> "xzone: detached from " + target.describe();
            case CONSOLE_ENDED -> "xzone: the console " + target.describe() + " ended (the zone went away)";
            case INPUT_CLOSED -> "xzone: input ended; detached from " + target.describe();
        });
        out.flush();
        return ExitCode.OK;
    }
}

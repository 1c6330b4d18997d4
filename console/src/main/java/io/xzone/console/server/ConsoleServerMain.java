package io.xzone.console.server;

import io.xzone.console.mux.CappedLog;
import io.xzone.console.mux.ConsoleMultiplexer;
import io.xzone.console.mux.PtyConsoleSource;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background process that owns one console: {@code SOCKET PTY [LOGFILE LOGMAX]}. Started detached by
 * {@link ProcessServerLauncher}; it lives as long as the console's pty (it ends when the zone goes away, like
 * xenconsoled's side of the pty), not as long as any viewer, so history survives between attaches.
 */
public final class ConsoleServerMain {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServerMain.class);

    private ConsoleServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 && args.length != 4) {
            System.err.println("usage: ConsoleServerMain SOCKET PTY [LOGFILE LOGMAX]");
            System.exit(2);
        }
        Path socket = Path.of(args[0]);
        if (ConsoleServers.answers(socket)) {
            // Two clients raced to start a server: the first won. Opening the pty too would steal its bytes.
            System.exit(0);
        }
        CappedLog log = args.length == 4 ? new CappedLog(Path.of(args[2]), Long.parseLong(args[3])) : null;
        try (ConsoleMultiplexer mux = new ConsoleMultiplexer(PtyConsoleSource.open(args[1]), log).start()) {
            try (ConsoleServer server = ConsoleServer.start(socket, mux)) {
                LOG.info("serving console {} on {}", args[1], socket);
                while (!mux.awaitEnd(1, TimeUnit.HOURS)) {
                    LOG.debug("console {} still up, {} viewers", args[1], mux.viewerCount());
                }
                LOG.info("console {} ended", args[1]);
            } catch (ConsoleServer.AlreadyServed e) {
                LOG.info("{}", e.getMessage());
            }
        }
        System.exit(0);
    }
}

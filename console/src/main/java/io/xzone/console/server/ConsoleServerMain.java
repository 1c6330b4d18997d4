package io.xzone.console.server;

import io.xzone.console.mux.PtyConsoleSource;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background process that owns this host's consoles: {@code SOCKET [LOGDIR LOGMAX]}. Started detached by
 * {@link ProcessServerLauncher}; it lives while any console it opened lives (a console ends when its zone goes away),
 * not while any viewer does, so history survives between attaches.
 */
public final class ConsoleServerMain {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServerMain.class);
    /** How long a fresh server waits for its first request before giving up. */
    private static final Duration FIRST_REQUEST = Duration.ofSeconds(30);

    private ConsoleServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 && args.length != 3) {
            System.err.println("usage: ConsoleServerMain SOCKET [LOGDIR LOGMAX]");
            System.exit(2);
        }
        Path socket = Path.of(args[0]);
        LogSettings log = args.length == 3 ? new LogSettings(Path.of(args[1]), Long.parseLong(args[2])) : null;
        ConsoleRegistry registry = new ConsoleRegistry(PtyConsoleSource::open, log);
        try (ConsoleServer server = ConsoleServer.start(socket, registry)) {
            LOG.info("serving consoles on {}", socket);
            registry.awaitIdle(FIRST_REQUEST);
            LOG.info("no console left to serve; exiting");
        } catch (ConsoleServer.AlreadyServed e) {
            LOG.info("{}", e.getMessage()); // two clients raced to start a server: the first one won
        } finally {
            registry.closeAll();
        }
        System.exit(0);
    }
}

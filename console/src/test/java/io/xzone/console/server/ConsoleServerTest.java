package io.xzone.console.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.console.ConsoleType;
import io.xzone.console.attach.ConsoleLink;
import io.xzone.console.mux.ConsoleMultiplexer;
import io.xzone.console.mux.ConsoleStatus;
import io.xzone.console.mux.PtyConsoleSource;
import io.xzone.xen.pty.PseudoTerminalPair;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Viewers in other processes share one console through its server's Unix socket. */
class ConsoleServerTest {
    private static final ServerLauncher NO_LAUNCH = (address, pty, log) -> {
        throw new IOException("no server should be started here");
    };

    static String readUntil(InputStream in, String expected) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buf = new byte[4096];
        while (!text.toString().contains(expected)) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    static String readFromGuest(PseudoTerminalPair pair, int count) {
        StringBuilder text = new StringBuilder();
        byte[] buf = new byte[256];
        long deadline = System.currentTimeMillis() + 5000;
        while (text.length() < count && System.currentTimeMillis() < deadline) {
            int n = pair.master().read(buf, 100);
            if (n > 0) {
                text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }

    @Test
    void twoViewersShareOneConsoleAndBothCanType(@TempDir Path run) throws Exception {
        ConsoleAddress address = new ConsoleAddress(run, 7, ConsoleType.PV);
        try (PseudoTerminalPair pair = PseudoTerminalPair.open();
                ConsoleMultiplexer mux = new ConsoleMultiplexer(PtyConsoleSource.open(pair.slavePath()), null).start();
                ConsoleServer server = ConsoleServer.start(address.socket(), mux)) {
            ConsoleServers servers = new ConsoleServers(NO_LAUNCH, null);
            pair.guestPrints("zone1 login: ");
            try (ConsoleLink first = servers.attach(address, pair.slavePath())) {
                assertEquals("zone1 login: ", readUntil(first.output(), "login: "));
                try (ConsoleLink second = servers.attach(address, pair.slavePath())) {
                    assertEquals("zone1 login: ", readUntil(second.output(), "login: "), "history replayed");
                    first.input().write("root\r".getBytes(StandardCharsets.UTF_8));
                    assertEquals("root\r", readFromGuest(pair, 5));
                    second.input().write("id\r".getBytes(StandardCharsets.UTF_8));
                    assertEquals("id\r", readFromGuest(pair, 3));
                    pair.guestPrints("\r\nuid=0(root)\r\n");
                    assertTrue(readUntil(first.output(), "uid=0(root)\r\n").endsWith("uid=0(root)\r\n"));
                    assertTrue(readUntil(second.output(), "uid=0(root)\r\n").endsWith("uid=0(root)\r\n"));
                }
            }
            ConsoleStatus status = servers.status(address, pair.slavePath());
            assertEquals("uid=0(root)", status.lastLine());
            assertFalse(status.ended());
            assertTrue(status.lastOutput() != null);
        }
        assertFalse(Files.exists(address.socket()), "the socket is removed with the server");
    }

    @Test
    void aViewerIsToldWhenTheZoneGoesAway(@TempDir Path run) throws Exception {
        ConsoleAddress address = new ConsoleAddress(run, 8, ConsoleType.SERIAL);
        PseudoTerminalPair pair = PseudoTerminalPair.open();
        try (ConsoleMultiplexer mux = new ConsoleMultiplexer(PtyConsoleSource.open(pair.slavePath()), null).start();
                ConsoleServer server = ConsoleServer.start(address.socket(), mux);
                ConsoleLink link = new ConsoleServers(NO_LAUNCH, null).attach(address, pair.slavePath())) {
            pair.guestPrints("bye\r\n");
            assertTrue(readUntil(link.output(), "bye").contains("bye"));
            pair.close();
            String rest = readUntil(link.output(), "\u0000never");
            assertTrue(rest.contains("[xzone: the console's pty " + pair.slavePath() + " closed (the zone went away)]"), rest);
        }
    }

    @Test
    void aSecondServerForTheSameConsoleRefusesAndAStaleSocketIsReplaced(@TempDir Path run) throws Exception {
        ConsoleAddress address = new ConsoleAddress(run, 9, ConsoleType.PV);
        Files.createFile(address.socket()); // left behind by a server that was killed
        try (PseudoTerminalPair pair = PseudoTerminalPair.open();
                ConsoleMultiplexer mux = new ConsoleMultiplexer(PtyConsoleSource.open(pair.slavePath()), null).start();
                ConsoleServer server = ConsoleServer.start(address.socket(), mux)) {
            assertThrows(ConsoleServer.AlreadyServed.class, () -> ConsoleServer.start(address.socket(), mux));
        }
    }

    @Test
    void theFirstClientStartsAServerProcessThatOutlivesItAndEndsWithTheZone(@TempDir Path run) throws Exception {
        ConsoleAddress address = new ConsoleAddress(run, 11, ConsoleType.PV);
        LogSettings log = new LogSettings(run.resolve("logs"), 4096);
        PseudoTerminalPair pair = PseudoTerminalPair.open();
        ConsoleServers servers = new ConsoleServers(new ProcessServerLauncher("zone1"), log);
        try (ConsoleLink link = servers.attach(address, pair.slavePath())) {
            pair.guestPrints("first words\r\n");
            assertTrue(readUntil(link.output(), "first words").contains("first words"));
        }
        try (ConsoleLink again = servers.attach(address, pair.slavePath())) {
            assertTrue(readUntil(again.output(), "first words").contains("first words"), "the server kept the history");
        }
        Path logFile = log.fileFor("zone1", ConsoleType.PV);
        assertEquals("first words\r\n", Files.readString(logFile));
        pair.close();
        long deadline = System.currentTimeMillis() + 10000;
        while (Files.exists(address.socket()) && System.currentTimeMillis() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertFalse(Files.exists(address.socket()), "the server ends when the console's pty closes");
    }
}

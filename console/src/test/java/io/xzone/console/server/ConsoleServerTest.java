package io.xzone.console.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.console.ConsoleTarget;
import io.xzone.console.StreamText;
import io.xzone.console.ConsoleType;
import io.xzone.console.attach.ConsoleLink;
import io.xzone.console.mux.ConsoleStatus;
import io.xzone.console.mux.PtyConsoleSource;
import io.xzone.xen.pty.PseudoTerminalPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Viewers in other processes share one console through the console server's Unix socket. */
class ConsoleServerTest {
    private static final ServerLauncher NO_LAUNCH = socket -> {
        throw new IOException("no server should be started here");
    };



    private static ConsoleServer inProcessServer(Path run) throws IOException {
        return ConsoleServer.start(run.resolve("consoles.sock"), new ConsoleRegistry(PtyConsoleSource::open, null));
    }

    @Test
    void twoViewersShareOneConsoleAndBothCanType(@TempDir Path run) throws Exception {
        try (PseudoTerminalPair pair = PseudoTerminalPair.open(); ConsoleServer server = inProcessServer(run)) {
            ConsoleTarget target = new ConsoleTarget(7, "zone1", ConsoleType.PV, pair.slavePath());
            ConsoleServers servers = new ConsoleServers(run.resolve("consoles.sock"), NO_LAUNCH);
            try (ConsoleLink first = servers.attach(target)) {
                pair.guestPrints("zone1 login: ");
                assertEquals("zone1 login: ", StreamText.readUntil(first.output(), "login: "));
                try (ConsoleLink second = servers.attach(target)) {
                    assertEquals("zone1 login: ", StreamText.readUntil(second.output(), "login: "), "history replayed");
                    first.input().write("root\r".getBytes(StandardCharsets.UTF_8));
                    assertEquals("root\r", pair.guestReads("root\r"));
                    second.input().write("id\r".getBytes(StandardCharsets.UTF_8));
                    assertEquals("id\r", pair.guestReads("id\r"));
                    pair.guestPrints("\r\nuid=0(root)\r\n");
                    assertTrue(StreamText.readUntil(first.output(), "uid=0(root)\r\n").endsWith("uid=0(root)\r\n"));
                    assertTrue(StreamText.readUntil(second.output(), "uid=0(root)\r\n").endsWith("uid=0(root)\r\n"));
                }
            }
            ConsoleStatus status = servers.status(target);
            assertEquals("uid=0(root)", status.lastLine());
            assertFalse(status.ended());
            assertNotNull(status.lastOutput());
        }
        assertFalse(Files.exists(run.resolve("consoles.sock")), "the socket is removed with the server");
    }

    @Test
    void aViewerIsToldWhenTheZoneGoesAway(@TempDir Path run) throws Exception {
        PseudoTerminalPair pair = PseudoTerminalPair.open();
        ConsoleTarget target = new ConsoleTarget(8, "hvm1", ConsoleType.SERIAL, pair.slavePath());
        try (ConsoleServer server = inProcessServer(run);
                ConsoleLink link = new ConsoleServers(run.resolve("consoles.sock"), NO_LAUNCH).attach(target)) {
            pair.guestPrints("bye\r\n");
            assertTrue(StreamText.readUntil(link.output(), "bye").contains("bye"));
            pair.close();
            String rest = StreamText.readUntil(link.output(), "\u0000never");
            assertTrue(rest.contains("[xzone: the console's pty " + pair.slavePath() + " closed (the zone went away)]"), rest);
        }
    }

    @Test
    void aConsoleThatCannotBeOpenedIsReportedWithTheReason(@TempDir Path run) throws Exception {
        try (ConsoleServer server = inProcessServer(run)) {
            ConsoleTarget gone = new ConsoleTarget(9, "zone9", ConsoleType.PV, "/dev/pts/999999");
            ConsoleUnavailable e = assertThrows(ConsoleUnavailable.class,
                    () -> new ConsoleServers(run.resolve("consoles.sock"), NO_LAUNCH).attach(gone));
            assertTrue(e.getMessage().contains("/dev/pts/999999") && e.getMessage().contains("ENOENT"), e.getMessage());
        }
    }

    @Test
    void aSecondServerRefusesAndAStaleSocketIsReplaced(@TempDir Path run) throws Exception {
        Files.createFile(run.resolve("consoles.sock")); // left behind by a server that was killed
        try (ConsoleServer server = inProcessServer(run)) {
            assertThrows(ConsoleServer.AlreadyServed.class, () -> inProcessServer(run));
        }
    }

    @Test
    void theFirstClientStartsAServerProcessThatKeepsHistoryAndEndsWithTheZones(@TempDir Path run) throws Exception {
        Path socket = run.resolve("consoles.sock");
        LogSettings log = new LogSettings(run.resolve("logs"), 4096);
        PseudoTerminalPair pv = PseudoTerminalPair.open();
        PseudoTerminalPair serial = PseudoTerminalPair.open();
        ConsoleTarget pvTarget = new ConsoleTarget(11, "zone1", ConsoleType.PV, pv.slavePath());
        ConsoleTarget serialTarget = new ConsoleTarget(11, "zone1", ConsoleType.SERIAL, serial.slavePath());
        ConsoleServers servers = new ConsoleServers(socket, new ProcessServerLauncher(log));
        try (ConsoleLink link = servers.attach(pvTarget); ConsoleLink other = servers.attach(serialTarget)) {
            pv.guestPrints("first words\r\n");
            serial.guestPrints("SeaBIOS\r\n");
            assertTrue(StreamText.readUntil(link.output(), "first words").contains("first words"));
            assertTrue(StreamText.readUntil(other.output(), "SeaBIOS").contains("SeaBIOS"));
        }
        try (ConsoleLink again = servers.attach(pvTarget)) {
            assertTrue(StreamText.readUntil(again.output(), "first words").contains("first words"), "the server kept the history");
        }
        assertEquals("first words\r\n", Files.readString(log.fileFor("zone1", ConsoleType.PV)));
        assertEquals("SeaBIOS\r\n", Files.readString(log.fileFor("zone1", ConsoleType.SERIAL)));
        pv.close();
        TimeUnit.MILLISECONDS.sleep(500);
        assertTrue(Files.exists(socket), "one console left: the server stays");
        serial.close();
        long deadline = System.currentTimeMillis() + 10000;
        while (Files.exists(socket) && System.currentTimeMillis() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertFalse(Files.exists(socket), "the server ends when its last console closes");
    }
}

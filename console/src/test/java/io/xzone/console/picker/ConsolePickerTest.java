package io.xzone.console.picker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.console.zones.ZoneKind;
import io.xzone.console.zones.ZonesFile;
import io.xzone.xen.pty.PseudoTerminalPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The picker in a real 80x24 terminal (tmux), over real pty pairs standing in for xenconsoled's and QEMU's: what the
 * screen shows, attaching with arrows and Enter, coming back with Ctrl-], zones coming and going, and the terminal
 * as it was after q.
 */
class ConsolePickerTest {
    /**
     * How long one step may take: JVMs (the picker's, then the console server's) start slowly on a loaded host, and a
     * passing test never waits this long.
     */
    private static final long PATIENCE_MILLIS = 120_000;

    private static String rowOf(String screen, String start) {
        return Arrays.stream(screen.split("\n")).filter(l -> l.startsWith(start)).findFirst().orElse("(no row " + start + ")");
    }

    @Test
    void listsZonesAttachesReturnsFollowsZonesAndRestoresTheTerminal(@TempDir Path dir) throws Exception {
        try (PseudoTerminalPair web1Pv = PseudoTerminalPair.open();
                PseudoTerminalPair hvm1Serial = PseudoTerminalPair.open();
                PseudoTerminalPair hvm1Pv = PseudoTerminalPair.open()) {
            Path zones = dir.resolve("zones");
            Files.writeString(zones, ZonesFile.line(3, "web1", ZoneKind.PV, web1Pv.slavePath(), null)
                    + ZonesFile.line(5, "hvm1", ZoneKind.HVM, hvm1Pv.slavePath(), hvm1Serial.slavePath()));
            String java = ProcessHandle.current().info().command().orElseThrow();
            String command = java + " -cp " + System.getProperty("java.class.path") + " " + PickerMain.class.getName()
                    + " " + dir + " " + zones + "; stty -a; sleep 60";
            try (Tmux tmux = new Tmux("xzone-picker-" + ProcessHandle.current().pid(), command)) {
                String screen = tmux.awaitScreen(s -> s.contains("2 zones") && s.contains("web1") && s.contains("idle"),
                        PATIENCE_MILLIS);
                web1Pv.guestPrints("Debian GNU/Linux 12 web1 hvc0\r\n\r\nweb1 login: ");
                hvm1Serial.guestPrints("SeaBIOS (version 1.16.2-debian-1.16.2-1)\r\n");
                screen = tmux.awaitScreen(s -> s.contains("web1 login:") && s.contains("SeaBIOS"), PATIENCE_MILLIS);
                String[] lines = screen.split("\n");
                assertEquals(24, screen.split("\n", -1).length - 1, screen);
                assertTrue(lines[0].startsWith("xzone consoles: 2 zones"), screen);
                assertTrue(Arrays.stream(lines).allMatch(l -> l.length() <= 80), "fits 80 columns:\n" + screen);
                assertTrue(rowOf(screen, "> web1").matches(">\\s+web1\\s+3 PV\\s+pv \\(hvc0\\)\\s+live\\s+web1 login:\\s*"),
                        screen);
                assertTrue(rowOf(screen, "  web1").matches("\\s+web1\\s+3 PV\\s+serial \\(ttyS0\\)\\s+absent\\s*"), screen);
                assertTrue(rowOf(screen, "  hvm1").matches(
                        "\\s+hvm1\\s+5 HVM\\s+serial \\(ttyS0\\)\\s+live\\s+SeaBIOS \\(version 1\\.16\\.2-deb~")
                        && rowOf(screen, "  hvm1").length() == 80,
                        "the HVM zone's primary console is serial, listed first; the last line is clipped at 80:\n" + screen);
                assertTrue(screen.contains("pv (hvc0)      idle"), screen);

                tmux.sendKeys("Down", "Enter");
                screen = tmux.awaitScreen(s -> s.contains("no serial console"), PATIENCE_MILLIS);
                assertTrue(screen.contains("zone web1 has no serial console (ttyS0)"), screen);

                tmux.sendKeys("Down", "Enter");
                screen = tmux.awaitScreen(s -> s.contains("attached to hvm1 serial") && s.contains("SeaBIOS (version"),
                        PATIENCE_MILLIS);
                assertTrue(screen.contains("SeaBIOS (version 1.16.2"), "history replayed on attach:\n" + screen);
                tmux.sendKeys("ls", "Enter");
                assertEquals("ls\r", hvm1Serial.guestReads("ls\r"));
                hvm1Serial.guestPrints("hello from ttyS0\r\n");
                screen = tmux.awaitScreen(s -> s.contains("hello from ttyS0"), PATIENCE_MILLIS);
                assertTrue(screen.contains("hello from ttyS0"), screen);

                tmux.sendKeys("C-]");
                screen = tmux.awaitScreen(s -> s.contains("back from hvm1 serial (ttyS0)"), PATIENCE_MILLIS);
                assertTrue(screen.contains("back from hvm1 serial (ttyS0)") && screen.contains("xzone consoles"), screen);
                screen = tmux.awaitScreen(s -> rowOf(s, "> hvm1").contains("hello from ttyS0"), PATIENCE_MILLIS);
                assertTrue(rowOf(screen, "> hvm1").contains("hello from ttyS0"), "selection kept, last line updated:\n" + screen);

                Files.writeString(zones, ZonesFile.line(7, "new3", ZoneKind.PVH, hvm1Pv.slavePath(), null),
                        StandardOpenOption.APPEND);
                screen = tmux.awaitScreen(s -> s.contains("new3"), PATIENCE_MILLIS);
                assertTrue(screen.contains("3 zones") && rowOf(screen, "  new3").contains("PVH"), screen);
                Files.writeString(zones, ZonesFile.line(5, "hvm1", ZoneKind.HVM, hvm1Pv.slavePath(), hvm1Serial.slavePath()));
                screen = tmux.awaitScreen(s -> !s.contains("web1") && !s.contains("new3"), PATIENCE_MILLIS);
                assertFalse(screen.contains("web1") || screen.contains("new3"), "zones that went away are gone:\n" + screen);

                tmux.sendKeys("q");
                screen = tmux.awaitScreen(s -> s.contains("speed"), PATIENCE_MILLIS);
                assertTrue(screen.contains("\nisig icanon iexten echo ") && screen.contains(" icrnl ixon"),
                        "the shell's terminal is cooked again after the picker:\n" + screen);
                assertFalse(screen.contains("xzone consoles"), "the alternate screen is gone:\n" + screen);
            }
        }
    }
}

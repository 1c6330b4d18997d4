package io.xzone.console.mux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.xen.pty.PseudoTerminalPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The multiplexer over real pseudo-terminal pairs, the test holding the master side as xenconsoled or QEMU would. */
class ConsoleMultiplexerTest {

    private static ConsoleMultiplexer muxOver(PseudoTerminalPair pair, CappedLog log) {
        return new ConsoleMultiplexer(PtyConsoleSource.open(pair.slavePath()), log).start();
    }
    @Test
    void everyViewerSeesTheOutputAndEveryViewerCanType() throws Exception {
        try (PseudoTerminalPair pair = PseudoTerminalPair.open(); ConsoleMultiplexer mux = muxOver(pair, null)) {
            List<CollectingSink> sinks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                CollectingSink sink = new CollectingSink();
                mux.attach(sink.channel());
                sinks.add(sink);
            }
            pair.guestPrints("Debian GNU/Linux 12 zone1 hvc0\r\nzone1 login: ");
            for (CollectingSink sink : sinks) {
                assertTrue(sink.awaitText("zone1 login: ", 5000), sink.text());
                assertEquals("Debian GNU/Linux 12 zone1 hvc0\r\nzone1 login: ", sink.text());
            }
            byte[] typed = "root\r".getBytes(StandardCharsets.UTF_8);
            mux.send(typed, 0, typed.length);
            assertEquals("root\r", pair.guestReads("root\r"));
            assertEquals(4, mux.viewerCount());
        }
    }

    @Test
    void aLateViewerGetsTheLastMebibyteThenLiveOutput() throws Exception {
        try (PseudoTerminalPair pair = PseudoTerminalPair.open(); ConsoleMultiplexer mux = muxOver(pair, null)) {
            CollectingSink early = new CollectingSink();
            mux.attach(early.channel());
            StringBuilder boot = new StringBuilder();
            for (int line = 0; boot.length() < 1536 * 1024; line++) {
                boot.append("[").append(line).append("] kernel: probing device ").append(line % 97).append("\r\n");
            }
            byte[] all = boot.toString().getBytes(StandardCharsets.UTF_8);
            pair.master().write(all, 0, all.length);
            assertTrue(early.awaitBytes(all.length, 20000), "the first viewer got " + early.bytes().length);

            CollectingSink late = new CollectingSink();
            mux.attach(late.channel());
            assertTrue(late.awaitBytes(ConsoleMultiplexer.DEFAULT_HISTORY_BYTES, 5000));
            assertArrayEquals(Arrays.copyOfRange(all, all.length - ConsoleMultiplexer.DEFAULT_HISTORY_BYTES, all.length),
                    late.bytes());

            pair.guestPrints("after\r\n");
            assertTrue(late.awaitText("after\r\n", 5000));
            assertEquals(ConsoleMultiplexer.DEFAULT_HISTORY_BYTES + 7, late.bytes().length, "nothing lost or repeated");
        }
    }

    @Test
    void theLogFileStaysUnderItsCap(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("zone1-pv.log");
        try (PseudoTerminalPair pair = PseudoTerminalPair.open();
                ConsoleMultiplexer mux = muxOver(pair, new CappedLog(file, 1000))) {
            CollectingSink sink = new CollectingSink();
            mux.attach(sink.channel());
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 250; i++) {
                text.append(String.format("line %03d\r\n", i)); // 10 bytes each, 2500 in all
            }
            pair.guestPrints(text.toString());
            assertTrue(sink.awaitBytes(2500, 5000));
            pair.close();
            assertTrue(mux.awaitEnd(5, TimeUnit.SECONDS));
        }
        String current = Files.readString(file);
        String previous = Files.readString(dir.resolve("zone1-pv.log.1"));
        assertEquals(500, current.length(), "2500 bytes with a 1000 byte cap: two full files rotated, 500 left");
        assertEquals(1000, previous.length());
        assertTrue(current.endsWith("line 249\r\n") && previous.endsWith("line 199\r\n"), current);
    }

    @Test
    void theGuestGoingAwayReleasesEveryViewerWithTheReason() throws Exception {
        PseudoTerminalPair pair = PseudoTerminalPair.open();
        try (ConsoleMultiplexer mux = muxOver(pair, null)) {
            CollectingSink a = new CollectingSink();
            CollectingSink b = new CollectingSink();
            mux.attach(a.channel());
            mux.attach(b.channel());
            pair.guestPrints("reboot: Power down\r\n");
            assertTrue(a.awaitText("Power down", 5000));
            pair.close();
            assertTrue(mux.awaitEnd(5, TimeUnit.SECONDS));
            assertTrue(a.awaitClosed(5000) && b.awaitClosed(5000));
            assertTrue(a.text().endsWith("went away)]\r\n"), a.text());
            assertTrue(b.text().endsWith("went away)]\r\n"), b.text());
            assertTrue(mux.status().ended());
            assertEquals("reboot: Power down", mux.status().lastLine());

            CollectingSink afterwards = new CollectingSink();
            mux.attach(afterwards.channel());
            assertTrue(afterwards.awaitClosed(5000), "a viewer of an ended console is released at once");
            assertTrue(afterwards.text().contains("Power down"), "but still sees the history");
            assertTrue(afterwards.text().contains("went away"), "and why it ended");
        }
    }

    @Test
    void aStalledViewerDoesNotHoldUpTheOthers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CollectingSink stalled = new CollectingSink(release);
        try (PseudoTerminalPair pair = PseudoTerminalPair.open(); ConsoleMultiplexer mux = muxOver(pair, null)) {
            mux.attach(stalled.channel());
            CollectingSink healthy = new CollectingSink();
            mux.attach(healthy.channel());
            for (int i = 0; i < 100; i++) {
                pair.guestPrints("tick " + i + "\r\n");
            }
            assertTrue(healthy.awaitText("tick 99\r\n", 5000), healthy.text());
            release.countDown();
        }
    }

    @Test
    void aViewerStalledFarBehindIsSkippedForAndToldWhatItMissed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CollectingSink stalled = new CollectingSink(release);
        try (PseudoTerminalPair pair = PseudoTerminalPair.open(); ConsoleMultiplexer mux = muxOver(pair, null)) {
            mux.attach(stalled.channel());
            CollectingSink healthy = new CollectingSink();
            mux.attach(healthy.channel());
            byte[] flood = new byte[(int) ConsoleMultiplexer.VIEWER_QUEUE_BYTES * 2];
            Arrays.fill(flood, (byte) 'x');
            pair.master().write(flood, 0, flood.length);
            assertTrue(healthy.awaitBytes(flood.length, 30000), "the healthy viewer got " + healthy.bytes().length);
            release.countDown();
            // Once it has caught up (and been told what it missed) it gets live output again.
            assertTrue(stalled.awaitText("bytes skipped, this viewer fell behind]", 10000));
            pair.guestPrints("after the flood\r\n");
            assertTrue(stalled.awaitText("after the flood", 10000));
            assertTrue(stalled.text().matches("(?s)x+\\r\\n\\[xzone: \\d+ bytes skipped, this viewer fell behind\\]\\r\\n.*"),
                    stalled.text().substring(Math.max(0, stalled.text().length() - 200)));
        }
    }

    @Test
    void detachingOneViewerLeavesTheOthersAttached() throws Exception {
        try (PseudoTerminalPair pair = PseudoTerminalPair.open(); ConsoleMultiplexer mux = muxOver(pair, null)) {
            CollectingSink leaving = new CollectingSink();
            CollectingSink staying = new CollectingSink();
            Viewer viewer = mux.attach(leaving.channel());
            mux.attach(staying.channel());
            viewer.close();
            assertTrue(leaving.awaitClosed(5000));
            pair.guestPrints("still here\r\n");
            assertTrue(staying.awaitText("still here", 5000));
            assertFalse(leaving.text().contains("still here"));
            assertEquals(1, mux.viewerCount());
        }
    }
}

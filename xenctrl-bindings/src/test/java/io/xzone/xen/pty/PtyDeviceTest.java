package io.xzone.xen.pty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.xen.XenException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PtyDeviceTest {

    private static String readSome(PtyDevice device, int expected) {
        byte[] buf = new byte[4096];
        StringBuilder text = new StringBuilder();
        long deadline = System.currentTimeMillis() + 5000;
        while (text.length() < expected && System.currentTimeMillis() < deadline) {
            int n = device.read(buf, 100);
            if (n == PtyDevice.END) {
                break;
            }
            text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    @Test
    void rawModePassesBytesUnchangedWithoutWaitingForANewline() {
        try (PseudoTerminalPair pair = PseudoTerminalPair.open();
                PtyDevice console = PtyDevice.openRaw(pair.slavePath())) {
            pair.guestPrints("login: \r");
            // A cooked pty would hold "login: " until a newline and turn \r into \n.
            assertEquals("login: \r", readSome(console, 8));
        }
    }

    @Test
    void typedBytesReachTheGuestWithoutEcho() {
        try (PseudoTerminalPair pair = PseudoTerminalPair.open();
                PtyDevice console = PtyDevice.openRaw(pair.slavePath())) {
            byte[] typed = "uname\r\u0003".getBytes(StandardCharsets.UTF_8);
            console.write(typed, 0, typed.length);
            assertArrayEquals(typed, readSome(pair.master(), typed.length).getBytes(StandardCharsets.UTF_8));
            assertEquals(0, console.read(new byte[16], 100), "raw mode must not echo typed bytes back");
        }
    }

    @Test
    void theGuestGoingAwayReadsAsEnd() {
        PseudoTerminalPair pair = PseudoTerminalPair.open();
        try (PtyDevice console = PtyDevice.openRaw(pair.slavePath())) {
            pair.close();
            assertEquals(PtyDevice.END, console.read(new byte[16], 2000));
        }
    }

    @Test
    void aMissingDeviceNamesThePathAndTheReason() {
        XenException e = assertThrows(XenException.class, () -> PtyDevice.openRaw("/dev/pts/does-not-exist"));
        assertTrue(e.getMessage().contains("/dev/pts/does-not-exist") && e.getMessage().contains("ENOENT"), e.getMessage());
    }

    @Test
    void closeIsIdempotentAndReadsAfterCloseEnd() {
        try (PseudoTerminalPair pair = PseudoTerminalPair.open()) {
            PtyDevice console = PtyDevice.openRaw(pair.slavePath());
            console.close();
            console.close();
            assertEquals(PtyDevice.END, console.read(new byte[4], 10));
            assertTrue(pair.slavePath().startsWith("/dev/pts/"), pair.slavePath());
        }
    }
}

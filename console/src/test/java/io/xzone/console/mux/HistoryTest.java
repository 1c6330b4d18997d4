package io.xzone.console.mux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HistoryTest {
    private static String text(History history) {
        return new String(history.snapshot(), StandardCharsets.US_ASCII);
    }

    private static void append(History history, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        history.append(b, 0, b.length);
    }

    @Test
    void keepsTheNewestBytesAcrossTheWrap() {
        History history = new History(8);
        append(history, "abcde");
        append(history, "fgh");
        assertEquals("abcdefgh", text(history));
        append(history, "ij");
        assertEquals("cdefghij", text(history));
        append(history, "0123456789");
        assertEquals("23456789", text(history));
        append(history, "X");
        assertEquals("3456789X", text(history));
    }

    @Test
    void lastLineIgnoresEscapesAndBlankLines() {
        byte[] out = "boot ok\r\n\u001b[1;32mzone1 login: \u001b[0m\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("zone1 login:", LastLine.of(out));
        assertEquals("", LastLine.of(new byte[0]));
    }
}

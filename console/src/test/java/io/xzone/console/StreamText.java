package io.xzone.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading a viewer's stream in tests. */
public final class StreamText {
    private StreamText() {
    }

    /** Reads until the text read contains {@code expected} or the stream ends; returns all of it. */
    public static String readUntil(InputStream in, String expected) throws IOException {
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
}

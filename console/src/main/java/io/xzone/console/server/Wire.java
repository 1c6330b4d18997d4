package io.xzone.console.server;

import io.xzone.console.mux.ConsoleStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The console server's protocol, one request line then raw bytes. {@code attach}: the server streams the console
 * (history first) and forwards every byte the client sends. {@code status}: one line
 * {@code <last output epoch ms or -1> <ended 0|1> <last line>}, then the server closes.
 */
final class Wire {
    static final String ATTACH = "attach";
    static final String STATUS = "status";
    private static final int MAX_LINE = 4096;

    private Wire() {
    }

    static void writeLine(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads one line byte by byte, so no console byte after it is swallowed by a buffer. */
    static String readLine(InputStream in) throws IOException {
        byte[] utf8 = new byte[MAX_LINE];
        int n = 0;
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("connection closed mid-line");
            }
            if (n == MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            utf8[n++] = (byte) b;
        }
        return new String(utf8, 0, n, StandardCharsets.UTF_8);
    }

    static String encode(ConsoleStatus status) {
        long millis = status.lastOutput() == null ? -1 : status.lastOutput().toEpochMilli();
        return millis + " " + (status.ended() ? 1 : 0) + " " + status.lastLine().replace('\n', ' ');
    }

    static ConsoleStatus decode(String line) throws IOException {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2) {
            throw new IOException("bad status line from console server: " + line);
        }
        long millis = Long.parseLong(parts[0]);
        return new ConsoleStatus(millis < 0 ? null : Instant.ofEpochMilli(millis), parts.length == 3 ? parts[2] : "",
                "1".equals(parts[1]));
    }
}

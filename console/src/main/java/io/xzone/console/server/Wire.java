package io.xzone.console.server;

import io.xzone.console.ConsoleTarget;
import io.xzone.console.ConsoleType;
import io.xzone.console.mux.ConsoleStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The console server's protocol: one request line, one answer line, then (for attach) raw bytes both ways.
 * Request: {@code attach|status DOMID pv|serial PTY ZONENAME}. Answer: {@code ok}, or {@code error REASON}. A status
 * answer is {@code ok <last output epoch ms or -1> <ended 0|1> <last line>}.
 */
final class Wire {
    static final String ATTACH = "attach";
    static final String STATUS = "status";
    static final String OK = "ok";
    private static final String ERROR = "error ";
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
                throw new IOException("the console server closed the connection");
            }
            if (n == MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            utf8[n++] = (byte) b;
        }
        return new String(utf8, 0, n, StandardCharsets.UTF_8);
    }

    static String request(String verb, ConsoleTarget target) {
        return verb + " " + target.domid() + " " + target.type().label() + " " + target.ptyPath() + " " + target.zoneName();
    }

    /** The verb and target of a request line; IOException when it is malformed. */
    static ConsoleTarget target(String request) throws IOException {
        String[] parts = request.split(" ", 5);
        try {
            ConsoleType type = ConsoleType.valueOf(parts[2].toUpperCase(java.util.Locale.ROOT));
            return new ConsoleTarget(Integer.parseInt(parts[1]), parts[4], type, parts[3]);
        } catch (RuntimeException e) {
            throw new IOException("malformed request: " + request);
        }
    }

    static String verb(String request) {
        return request.split(" ", 2)[0];
    }

    static String error(String reason) {
        return ERROR + reason.replace('\n', ' ');
    }

    /** Throws the server's error as an IOException, or returns the rest of an ok line. */
    static String expectOk(String answer) throws IOException {
        if (answer.startsWith(ERROR)) {
            throw new ConsoleUnavailable(answer.substring(ERROR.length()));
        }
        if (!answer.equals(OK) && !answer.startsWith(OK + " ")) {
            throw new IOException("unexpected answer from the console server: " + answer);
        }
        return answer.length() > OK.length() ? answer.substring(OK.length() + 1) : "";
    }

    static String encode(ConsoleStatus status) {
        long millis = status.lastOutput() == null ? -1 : status.lastOutput().toEpochMilli();
        return millis + " " + (status.ended() ? 1 : 0) + " " + status.lastLine().replace('\n', ' ');
    }

    static ConsoleStatus decode(String line) throws IOException {
        String[] parts = line.split(" ", 3);
        try {
            long millis = Long.parseLong(parts[0]);
            return new ConsoleStatus(millis < 0 ? null : Instant.ofEpochMilli(millis), parts.length == 3 ? parts[2] : "",
                    "1".equals(parts[1]));
        } catch (RuntimeException e) {
            throw new IOException("bad status from the console server: " + line);
        }
    }
}

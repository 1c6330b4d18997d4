package io.xzone.it.xenstored;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a traced xenstored ({@code -T}) logged: every request (IN) and reply (OUT) of every connection, and the
 * connections' creation and end. Tells what clients still hold open: xenstored drops a connection's transactions and
 * watches when it closes, so only connections still open count. Reads the file on as the daemon writes it, so asking
 * after every test of a long class costs only what was traced since.
 */
public final class XenstoredTrace {
    /** {@code IN 0x55d0c3a2b670 20261122 22:05:21 WRITE (/hello world )}: direction, connection, type. */
    private static final Pattern MESSAGE = Pattern.compile("(IN|OUT) (0x[0-9a-f]+) \\S+ \\S+ (\\w+) \\(.*");
    private static final Pattern CONNECTION = Pattern.compile("(CREATE|DESTROY) connection (0x[0-9a-f]+)");

    private final Path file;
    /** Per open connection: transactions started and not ended, watches set and not removed. */
    private final Map<String, int[]> open = new HashMap<>();
    private long position;

    XenstoredTrace(Path file) {
        this.file = file;
    }

    /** Transactions that xenstored started (a TRANSACTION_START reply) and no TRANSACTION_END request ended. */
    public synchronized int openTransactions() {
        readOn();
        return open.values().stream().mapToInt(counts -> counts[0]).sum();
    }

    /** Watches that xenstored set (a WATCH reply) and no UNWATCH request removed. */
    public synchronized int openWatches() {
        readOn();
        return open.values().stream().mapToInt(counts -> counts[1]).sum();
    }

    private void readOn() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) (channel.size() - position));
            channel.read(buffer, position);
            // Whole lines only: the daemon may be in the middle of one.
            int end = buffer.position();
            while (end > 0 && buffer.get(end - 1) != '\n') {
                end--;
            }
            position += end;
            new String(buffer.array(), 0, end, StandardCharsets.UTF_8).lines().forEach(this::take);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read xenstored's trace " + file, e);
        }
    }

    private void take(String line) {
        Matcher connection = CONNECTION.matcher(line);
        if (connection.find()) {
            if (connection.group(1).equals("CREATE")) {
                open.put(connection.group(2), new int[2]);
            } else {
                open.remove(connection.group(2));
            }
            return;
        }
        Matcher message = MESSAGE.matcher(line);
        if (!message.matches()) {
            return;
        }
        boolean in = message.group(1).equals("IN");
        String type = message.group(3);
        int[] counts = open.get(message.group(2));
        if (counts == null) {
            return;
        }
        switch (type) {
            case "TRANSACTION_START" -> counts[0] += in ? 0 : 1;
            case "TRANSACTION_END" -> counts[0] -= in ? 1 : 0;
            case "WATCH" -> counts[1] += in ? 0 : 1;
            case "UNWATCH" -> counts[1] -= in ? 1 : 0;
            default -> {
                // Other requests open nothing.
            }
        }
    }
}

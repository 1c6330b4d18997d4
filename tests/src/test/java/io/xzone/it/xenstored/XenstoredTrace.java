package io.xzone.it.xenstored;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a traced xenstored ({@code -T}) logged: every request (IN) and reply (OUT) of every connection, and the
 * connections' creation and end. Tells what clients still hold open: xenstored drops a connection's transactions and
 * watches when it closes, so only connections still open count.
 */
public final class XenstoredTrace {
    /** {@code IN 0x55d0c3a2b670 20261122 22:05:21 WRITE (/hello world )}: direction, connection, type. */
    private static final Pattern MESSAGE = Pattern.compile("(IN|OUT) (0x[0-9a-f]+) \\S+ \\S+ (\\w+) \\(.*");
    private static final Pattern CONNECTION = Pattern.compile("(CREATE|DESTROY) connection (0x[0-9a-f]+)");

    private final List<String> lines;

    XenstoredTrace(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    /** Transactions that xenstored started (a TRANSACTION_START reply) and no TRANSACTION_END request ended. */
    public int openTransactions() {
        return open("TRANSACTION_START", "TRANSACTION_END");
    }

    /** Watches that xenstored set (a WATCH reply) and no UNWATCH request removed. */
    public int openWatches() {
        return open("WATCH", "UNWATCH");
    }

    /** Requests of one type, e.g. "WRITE", over the whole trace. */
    public long requests(String type) {
        return lines.stream().map(MESSAGE::matcher)
                .filter(m -> m.matches() && m.group(1).equals("IN") && m.group(3).equals(type)).count();
    }

    /** Opened by a reply of type {@code opened}, closed by a request of type {@code closed}, on connections still open. */
    private int open(String opened, String closed) {
        Map<String, Integer> live = new HashMap<>();
        for (String line : lines) {
            if (!line.contains(opened) && !line.contains(closed) && !line.contains(" connection ")) {
                continue;
            }
            Matcher connection = CONNECTION.matcher(line);
            if (connection.find()) {
                if (connection.group(1).equals("CREATE")) {
                    live.put(connection.group(2), 0);
                } else {
                    live.remove(connection.group(2));
                }
                continue;
            }
            Matcher message = MESSAGE.matcher(line);
            if (!message.matches() || !live.containsKey(message.group(2))) {
                continue;
            }
            if (message.group(1).equals("OUT") && message.group(3).equals(opened)) {
                live.merge(message.group(2), 1, Integer::sum);
            } else if (message.group(1).equals("IN") && message.group(3).equals(closed)) {
                live.merge(message.group(2), -1, Integer::sum);
            }
        }
        return live.values().stream().mapToInt(Integer::intValue).sum();
    }
}

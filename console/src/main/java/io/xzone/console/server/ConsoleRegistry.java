package io.xzone.console.server;

import io.xzone.console.ConsoleTarget;
import io.xzone.console.mux.CappedLog;
import io.xzone.console.mux.ConsoleMultiplexer;
import io.xzone.console.mux.ConsoleSource;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The consoles one server holds open, one multiplexer per zone console, opened on first request and dropped when
 * the console ends. A console whose pty changed (xenconsoled restarted, the zone was replaced by one with the same
 * domid) is reopened on its new pty.
 */
final class ConsoleRegistry {
    private final Map<String, Entry> open = new ConcurrentHashMap<>();
    private final Object changes = new Object();
    private volatile boolean everOpened;
    private final Function<String, ConsoleSource> opener;
    private final LogSettings log;

    private record Entry(String ptyPath, ConsoleMultiplexer mux) {
    }

    /**
     * @param log per-console log files, or null for none
     */
    ConsoleRegistry(Function<String, ConsoleSource> opener, LogSettings log) {
        this.opener = opener;
        this.log = log;
    }

    synchronized ConsoleMultiplexer get(ConsoleTarget target) throws IOException {
        String key = target.domid() + "/" + target.type().label();
        Entry entry = open.get(key);
        if (entry != null && entry.ptyPath().equals(target.ptyPath()) && !entry.mux().status().ended()) {
            return entry.mux();
        }
        if (entry != null) {
            entry.mux().close();
        }
        ConsoleSource source = opener.apply(target.ptyPath());
        CappedLog file = log == null ? null : new CappedLog(log.fileFor(target.zoneName(), target.type()), log.maxBytes());
        ConsoleMultiplexer mux = new ConsoleMultiplexer(source, file);
        Entry fresh = new Entry(target.ptyPath(), mux);
        mux.onEnd(() -> ended(key, fresh));
        open.put(key, fresh);
        everOpened = true;
        return mux.start();
    }

    /** Runs on the ended console's reader thread: takes no lock that {@link #get} holds while it closes a console. */
    private void ended(String key, Entry entry) {
        open.remove(key, entry);
        synchronized (changes) {
            changes.notifyAll();
        }
    }

    /**
     * Waits until no console is open any more (every zone it served went away), or none was asked for within
     * {@code grace} of the start.
     */
    void awaitIdle(java.time.Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (changes) {
            while (!open.isEmpty() || (!everOpened && System.nanoTime() < deadline)) {
                changes.wait(1000);
            }
        }
    }

    void closeAll() {
        for (Entry entry : Map.copyOf(open).values()) {
            entry.mux().close();
        }
    }
}

package io.xzone.console.mux;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One console shared by any number of viewers. A single reader thread owns the source: every chunk it reads goes
 * into the history (replayed to viewers that come later), the optional capped log file, and each viewer's queue.
 * Viewers' keystrokes go back to the source in arrival order. When the source ends (the guest went away), every viewer
 * is told why and released.
 */
public final class ConsoleMultiplexer implements AutoCloseable {
    /** About 1 MiB of output is kept for late viewers. */
    public static final int DEFAULT_HISTORY_BYTES = 1 << 20;
    /** A viewer may fall this far behind before output is skipped for it. */
    static final long VIEWER_QUEUE_BYTES = 4L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleMultiplexer.class);
    private static final int POLL_MILLIS = 200;
    private static final int CHUNK_BYTES = 64 * 1024;

    private final ConsoleSource source;
    private final History history;
    private final CappedLog log;
    private final Clock clock;
    private final List<Viewer> viewers = new CopyOnWriteArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread reader;
    private volatile boolean stopping;
    private Instant lastOutput;
    private String endReason;
    private int viewerCount;
    private Runnable onEnd = () -> { };

    /**
     * @param log where to copy the output, or null for no log file; closed with the multiplexer
     */
    public ConsoleMultiplexer(ConsoleSource source, int historyBytes, CappedLog log, Clock clock) {
        this.source = source;
        this.history = new History(historyBytes);
        this.log = log;
        this.clock = clock;
        this.reader = new Thread(this::readLoop, "console-reader-" + source.name());
        this.reader.setDaemon(true);
    }

    public ConsoleMultiplexer(ConsoleSource source, CappedLog log) {
        this(source, DEFAULT_HISTORY_BYTES, log, Clock.systemUTC());
    }

    /** Runs once the console has ended and its viewers were told (set before {@link #start}). */
    public void onEnd(Runnable action) {
        this.onEnd = action;
    }

    public ConsoleMultiplexer start() {
        reader.start();
        return this;
    }

    /**
     * Adds a viewer: it first receives the history, then live output, with nothing lost or repeated in between.
     * On a console that has already ended it receives the history and is closed at once.
     */
    public Viewer attach(ViewerSink sink) {
        Viewer viewer;
        synchronized (this) {
            viewer = new Viewer(source.name() + "#" + (++viewerCount), sink, VIEWER_QUEUE_BYTES, viewers::remove);
            byte[] past = history.snapshot();
            if (past.length > 0) {
                viewer.preload(past);
            }
            if (endReason != null) {
                viewer.end(endReason);
            } else {
                viewers.add(viewer);
            }
        }
        viewer.start();
        return viewer;
    }

    /** Sends typed bytes to the console. */
    public void send(byte[] bytes, int off, int len) {
        source.write(bytes, off, len);
    }

    public synchronized ConsoleStatus status() {
        return new ConsoleStatus(lastOutput, LastLine.of(history.snapshot()), endReason != null);
    }

    public int viewerCount() {
        return viewers.size();
    }

    /** Waits for the console to end; true if it did within the timeout. */
    public boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    private void readLoop() {
        byte[] buf = new byte[CHUNK_BYTES];
        String reason = "the console's pty " + source.name() + " closed (the zone went away)";
        try {
            boolean open = true;
            while (open && !stopping) {
                int filled = source.read(buf, 0, buf.length, POLL_MILLIS);
                if (filled == ConsoleSource.END) {
                    break;
                }
                // A pty hands over a few KiB per read: gather what is already there into one chunk, so a burst costs
                // the viewers one wake-up and one write instead of one per pty read.
                while (filled > 0 && filled < buf.length) {
                    int more = source.read(buf, filled, buf.length - filled, 0);
                    if (more <= 0) {
                        open = more == 0;
                        break;
                    }
                    filled += more;
                }
                if (filled > 0) {
                    publish(Arrays.copyOf(buf, filled));
                }
            }
            if (stopping) {
                reason = "console closed";
            }
        } catch (RuntimeException e) {
            LOG.warn("reading console {} failed: {}", source.name(), e.getMessage());
            reason = "reading the console failed: " + e.getMessage();
        } catch (InterruptedException e) {
            reason = "console closed";
        }
        finish(reason);
    }

    /**
     * History first, under the lock that {@link #attach} takes, then the viewers known at that moment, outside it (an
     * offer may wait for a slow viewer): a viewer attaching in between has the chunk in its history copy instead.
     */
    private void publish(byte[] chunk) throws InterruptedException {
        List<Viewer> current;
        synchronized (this) {
            history.append(chunk, 0, chunk.length);
            lastOutput = clock.instant();
            current = List.copyOf(viewers);
        }
        for (Viewer viewer : current) {
            viewer.offer(chunk);
        }
        if (log != null) {
            log.append(chunk, 0, chunk.length);
        }
    }

    private void finish(String reason) {
        synchronized (this) {
            endReason = reason;
            for (Viewer viewer : viewers) {
                viewer.end(reason);
            }
        }
        source.close();
        closeLog();
        ended.countDown();
        onEnd.run();
        LOG.debug("console {} ended: {}", source.name(), reason);
    }

    private void closeLog() {
        if (log == null) {
            return;
        }
        try {
            log.close();
        } catch (IOException e) {
            LOG.warn("closing console log {}: {}", log.file(), e.toString());
        }
    }

    /** Stops reading, releases the pty and tells every viewer. */
    @Override
    public void close() {
        stopping = true;
        if (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (ended.getCount() > 0) {
            finish("console closed");
        }
    }
}

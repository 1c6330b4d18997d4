package io.xzone.console.mux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One console shared by any number of viewers. A single reader thread owns the source: every chunk it reads goes
 * into the history (replayed to viewers that come later), the optional capped log file, and to each viewer. A chunk
 * is read straight into a large direct buffer and handed to every viewer as a read-only view of that buffer: no copy
 * per viewer, no allocation per chunk but a small view object, and the sockets write it without the JDK's bounce
 * copy. The reader writes each chunk to the viewers that have nothing queued straight away, without blocking; what a
 * socket does not take is queued and written by the console's {@link FanOut} selector thread. Viewers' keystrokes go back to the source in arrival order. When the
 * source ends (the guest went away), every viewer is told why and released.
 */
public final class ConsoleMultiplexer implements AutoCloseable {
    /** About 1 MiB of output is kept for late viewers. */
    public static final int DEFAULT_HISTORY_BYTES = 1 << 20;
    /** A viewer may fall this far behind before output is skipped for it. */
    static final long VIEWER_QUEUE_BYTES = 4L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleMultiplexer.class);
    private static final int POLL_MILLIS = 200;
    /** The most one chunk gathers: what is waiting in the pty after a burst, so one chunk costs each viewer one write. */
    private static final int CHUNK_BYTES = 64 * 1024;
    /** What a pty read returns when its line discipline's buffer was full (4 KiB less one byte, in raw mode). */
    private static final int PTY_BUFFER_BYTES = 4095;
    /**
     * How long a burst's next bytes are waited for before the chunk goes out without them: far below what a person
     * notices, far above the time a pty takes to refill its buffer while a guest is printing.
     */
    private static final int BURST_MILLIS = 2;
    /**
     * Chunks are cut from buffers this large: few allocations, and a viewer's queue (a run of consecutive chunks) pins
     * only its own size plus one buffer. A buffer is dropped for a fresh one when less than a chunk's worth is left,
     * and freed by the garbage collector once no viewer holds a chunk of it.
     */
    private static final int SLAB_BYTES = 1 << 20;

    private final ConsoleSource source;
    private final History history;
    private final CappedLog log;
    private final Clock clock;
    private final List<Viewer> viewers = new CopyOnWriteArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread reader;
    private final FanOut fanOut;
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
        this.fanOut = new FanOut(source.name(), source);
    }

    public ConsoleMultiplexer(ConsoleSource source, CappedLog log) {
        this(source, DEFAULT_HISTORY_BYTES, log, Clock.systemUTC());
    }

    /** Runs once the console has ended and its viewers were told (set before {@link #start}). */
    public void onEnd(Runnable action) {
        this.onEnd = action;
    }

    public ConsoleMultiplexer start() {
        fanOut.start();
        reader.start();
        return this;
    }

    /**
     * Adds a viewer on a connected socket (it takes the socket over, and reads keystrokes from it): it first receives
     * the history, then live output, with nothing lost or repeated in between. On a console that has already ended it
     * receives the history and why the console ended, and the socket is closed at once.
     */
    public Viewer attach(SocketChannel channel) throws IOException {
        Viewer viewer = new Viewer(source.name() + "#" + nextViewer(), channel, VIEWER_QUEUE_BYTES, viewers::remove);
        byte[] past;
        String ended;
        synchronized (this) {
            past = history.snapshot();
            ended = endReason;
            if (ended == null) {
                if (past.length > 0) {
                    viewer.preload(past);
                }
                viewer.register(fanOut);
                viewers.add(viewer);
            }
        }
        if (ended != null) {
            viewer.replayAndClose(past, ended);
        }
        return viewer;
    }

    private synchronized int nextViewer() {
        return ++viewerCount;
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
        ByteBuffer slab = ByteBuffer.allocateDirect(SLAB_BYTES);
        String reason = "the console's pty " + source.name() + " closed (the zone went away)";
        try {
            boolean open = true;
            while (open && !stopping) {
                if (slab.capacity() - slab.position() < CHUNK_BYTES) {
                    slab = ByteBuffer.allocateDirect(SLAB_BYTES);
                }
                int start = slab.position();
                slab.limit(start + CHUNK_BYTES);
                int first = source.read(slab, POLL_MILLIS);
                if (first == ConsoleSource.END) {
                    break;
                }
                // A pty hands over at most 4 KiB per read: gather a burst into one chunk, so it costs each viewer one
                // write and one wake-up instead of one per pty read. What is already there is taken at once; after a
                // read that emptied a full pty buffer more is on its way, so it is waited for, briefly.
                for (int last = first; last > 0 && slab.hasRemaining(); ) {
                    last = source.read(slab, last >= PTY_BUFFER_BYTES ? BURST_MILLIS : 0);
                    if (last < 0) {
                        open = false;
                    }
                }
                if (slab.position() > start) {
                    publish(slab.slice(start, slab.position() - start).asReadOnlyBuffer());
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
    private void publish(ByteBuffer chunk) throws InterruptedException {
        Iterator<Viewer> current;
        synchronized (this) {
            history.append(chunk);
            lastOutput = clock.instant();
            current = viewers.iterator(); // a snapshot: copy-on-write
        }
        while (current.hasNext()) {
            current.next().offer(chunk);
        }
        if (log != null) {
            log.append(chunk);
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
        fanOut.consoleEnded();
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

    /** Stops reading, releases the pty, tells every viewer and gives them a moment to take what is queued. */
    @Override
    public void close() {
        stopping = true;
        try {
            if (reader.isAlive()) {
                reader.join();
            } else if (ended.getCount() > 0) {
                finish("console closed");
            }
            fanOut.awaitDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

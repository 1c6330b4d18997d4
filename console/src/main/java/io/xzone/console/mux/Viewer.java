package io.xzone.console.mux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One viewer of a console: its own queue and thread. A viewer more than {@code maxQueuedBytes} behind slows the console
 * down while it keeps taking output; a stalled one (a frozen ssh session) is skipped for instead, and told how much it
 * missed once it catches up, so it never holds up the console or the other viewers for long.
 */
public final class Viewer implements AutoCloseable {
    /** How long a viewer may take nothing before it no longer holds the console back. */
    static final long STALL_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(Viewer.class);
    /** The close reason when the viewer itself left (as opposed to the console ending). */
    public static final String DETACHED = "detached";
    private static final byte[] END = new byte[0];

    private final ViewerSink sink;
    private final long maxQueuedBytes;
    private final Consumer<Viewer> onDetach;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final List<byte[]> pending = new ArrayList<>();
    private final Thread pump;
    private long queuedBytes;
    private long skippedBytes;
    private volatile String endReason = DETACHED;
    private volatile boolean closed;
    private boolean stalled;

    Viewer(String name, ViewerSink sink, long maxQueuedBytes, Consumer<Viewer> onDetach) {
        this.sink = sink;
        this.maxQueuedBytes = maxQueuedBytes;
        this.onDetach = onDetach;
        this.pump = new Thread(this::pump, "console-viewer-" + name);
        this.pump.setDaemon(true);
    }

    void start() {
        pump.start();
    }

    /**
     * Called by the multiplexer's reader thread. A viewer that is behind but moving holds the reader back (flow
     * control, as a slow terminal holds back {@code xl console}); one that has not taken anything for
     * {@link #STALL_MILLIS} counts as stalled and is skipped for until it catches up, so it cannot freeze the others.
     */
    synchronized void offer(byte[] chunk) throws InterruptedException {
        long deadline = System.nanoTime() + STALL_MILLIS * 1_000_000L;
        while (!closed && !stalled && queuedBytes + chunk.length > maxQueuedBytes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                stalled = true;
                LOG.debug("viewer stalled; skipping output for it until it catches up");
                break;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        if (closed) {
            return;
        }
        if (queuedBytes + chunk.length > maxQueuedBytes) {
            skippedBytes += chunk.length;
            return;
        }
        queuedBytes += chunk.length;
        queue.add(chunk);
    }

    /** The history a new viewer starts with (smaller than its queue, so it never waits). */
    synchronized void preload(byte[] past) {
        queuedBytes += past.length;
        queue.add(past);
    }

    /** The console has ended: deliver what is queued, then close the sink with this reason. */
    void end(String reason) {
        endReason = reason;
        queue.add(END);
    }

    /** Everything queued while the viewer was busy goes out in one write. */
    private static byte[] concat(List<byte[]> chunks) {
        if (chunks.size() == 1) {
            return chunks.get(0);
        }
        int size = 0;
        for (byte[] chunk : chunks) {
            size += chunk.length;
        }
        byte[] batch = new byte[size];
        int at = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, batch, at, chunk.length);
            at += chunk.length;
        }
        return batch;
    }

    private void pump() {
        try {
            boolean ended = false;
            while (!ended) {
                pending.clear();
                pending.add(queue.take());
                queue.drainTo(pending);
                int end = pending.indexOf(END);
                ended = end >= 0;
                if (ended) {
                    pending.subList(end, pending.size()).clear(); // a viewer that left gets nothing after it left
                }
                byte[] batch = concat(pending);
                long skipped = takeSkipped(batch.length);
                if (skipped > 0) {
                    sink.write(("\r\n[xzone: " + skipped + " bytes skipped, this viewer fell behind]\r\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
                if (batch.length > 0) {
                    sink.write(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("viewer gone: {}", e.toString());
            endReason = DETACHED;
        }
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        onDetach.accept(this);
        sink.close(endReason);
    }

    private synchronized long takeSkipped(int dequeued) {
        queuedBytes -= dequeued;
        if (queuedBytes == 0) {
            stalled = false;
        }
        notifyAll();
        long skipped = skippedBytes;
        skippedBytes = 0;
        return skipped;
    }

    /** Detaches this viewer; the console and the other viewers carry on. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true; // no more output for it, and a reader waiting for room in its queue moves on
            notifyAll();
            end(DETACHED);
        }
    }

    /** Waits until this viewer's sink is closed. */
    public void awaitClosed() throws InterruptedException {
        pump.join();
    }
}

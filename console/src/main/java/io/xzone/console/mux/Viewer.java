package io.xzone.console.mux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One viewer of a console: its own queue and thread, so a stalled viewer (a frozen ssh session) never holds up the
 * console or the other viewers. When a viewer falls more than {@code maxQueuedBytes} behind, newer output is skipped
 * for it, and it is told how much it missed once it catches up.
 */
public final class Viewer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Viewer.class);
    /** The close reason when the viewer itself left (as opposed to the console ending). */
    public static final String DETACHED = "detached";
    private static final byte[] END = new byte[0];

    private final ViewerSink sink;
    private final long maxQueuedBytes;
    private final Consumer<Viewer> onDetach;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final Thread pump;
    private long queuedBytes;
    private long skippedBytes;
    private volatile String endReason = DETACHED;
    private volatile boolean closed;

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

    /** Called by the multiplexer's reader thread; never blocks. */
    synchronized void offer(byte[] chunk) {
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

    /** The console has ended: deliver what is queued, then close the sink with this reason. */
    void end(String reason) {
        endReason = reason;
        queue.add(END);
    }

    private void pump() {
        try {
            while (true) {
                byte[] chunk = queue.take();
                if (chunk == END) {
                    break;
                }
                long skipped = takeSkipped(chunk.length);
                if (skipped > 0) {
                    sink.write(("\r\n[xzone: " + skipped + " bytes skipped, this viewer fell behind]\r\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
                sink.write(chunk);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("viewer gone: {}", e.toString());
            endReason = DETACHED;
        }
        closed = true;
        onDetach.accept(this);
        sink.close(endReason);
    }

    private synchronized long takeSkipped(int dequeued) {
        queuedBytes -= dequeued;
        long skipped = skippedBytes;
        skippedBytes = 0;
        return skipped;
    }

    /** Detaches this viewer; the console and the other viewers carry on. */
    @Override
    public void close() {
        if (!closed) {
            end(DETACHED);
        }
    }

    /** Waits until this viewer's sink is closed. */
    public void awaitClosed() throws InterruptedException {
        pump.join();
    }
}

package io.xzone.console.mux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One viewer of a console: a socket to an {@code xzone console} process and the output it has not taken yet. Output
 * is never copied per viewer: the queue holds read-only views of the reader's chunks, shared by every viewer. A chunk
 * for a viewer with nothing queued is written at once by the reader; what its socket does not take is queued, and the
 * {@link FanOut}'s selector thread writes the queue without blocking, as much as the socket takes, many chunks per
 * gathering write, and again once a full socket has room.
 *
 * <p>Slow viewers: one more than {@code maxQueuedBytes} behind slows the console down while it keeps taking output
 * (flow control, as a slow terminal holds back {@code xl console}). One that takes nothing for {@link #STALL_MILLIS}
 * while its queue is full (a frozen ssh session) counts as stalled: output is skipped for it until it has taken all it
 * has queued, then it is told how many bytes it missed and gets live output again. So a viewer never holds more than
 * {@code maxQueuedBytes}, and never holds the console or the other viewers up for longer than {@link #STALL_MILLIS}.
 */
public final class Viewer implements AutoCloseable {
    /** How long a viewer with a full queue may take nothing before it no longer holds the console back. */
    static final long STALL_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(Viewer.class);
    /** At most this many queued chunks go out in one gathering write. */
    private static final int GATHER = 64;

    private final String name;
    private final SocketChannel channel;
    private final long maxQueuedBytes;
    private final Consumer<Viewer> onClose;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[GATHER];
    private final CountDownLatch gone = new CountDownLatch(1);
    private FanOut fanOut;
    private SelectionKey key;
    private long queuedBytes;
    private long skippedBytes;
    private boolean stalled;
    private boolean ending;
    /** Registered for OP_WRITE: its socket was full. */
    private boolean waitingForRoom;
    private boolean closed;

    Viewer(String name, SocketChannel channel, long maxQueuedBytes, Consumer<Viewer> onClose) {
        this.name = name;
        this.channel = channel;
        this.maxQueuedBytes = maxQueuedBytes;
        this.onClose = onClose;
    }

    SocketChannel channel() {
        return channel;
    }

    /** Hands the viewer to the selector thread; what was preloaded goes out from there. */
    synchronized void register(FanOut writer) throws IOException {
        this.fanOut = writer;
        this.key = writer.register(this);
        if (!queue.isEmpty()) {
            writer.schedule(this);
        }
    }

    /** The history a new viewer starts with (smaller than its queue, so it never waits). */
    synchronized void preload(byte[] past) {
        enqueue(ByteBuffer.wrap(past));
    }

    /**
     * Called by the console's reader with a chunk shared by all viewers (read-only; this viewer reads its own view of
     * it). Waits for room while the viewer is behind but moving; see the class comment for a stalled one.
     */
    synchronized void offer(ByteBuffer chunk) throws InterruptedException {
        int len = chunk.remaining();
        long deadline = System.nanoTime() + STALL_MILLIS * 1_000_000L;
        while (!closed && !stalled && queuedBytes + len > maxQueuedBytes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                stalled = true;
                LOG.debug("viewer {} stalled; skipping output for it until it catches up", name);
                break;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        if (closed || ending) {
            return;
        }
        if (stalled) {
            skippedBytes += len;
            return;
        }
        ByteBuffer view = chunk.duplicate();
        if (!queue.isEmpty()) {
            enqueue(view); // it is already scheduled, or waiting for its socket to have room
            return;
        }
        // Nothing queued: write it from here, saving the selector thread a wake-up per chunk and viewer.
        try {
            channel.write(view);
        } catch (IOException e) {
            lost(e);
            return;
        }
        if (view.hasRemaining()) {
            enqueue(view);
            fanOut.schedule(this); // the socket is full: the selector thread waits for room
        }
    }

    /** The console has ended: deliver what is queued and why it ended, then close. */
    synchronized void end(String reason) {
        if (closed || ending) {
            return;
        }
        boolean idle = queue.isEmpty();
        noticeSkipped();
        enqueue(message(reason));
        enqueue(message(reason));
        ending = true;
        if (idle && fanOut != null) {
            fanOut.schedule(this);
        }
    }

    /** For a console that ended before this viewer came: its history and why it ended, written at once. */
    void replayAndClose(byte[] past, String reason) {
        try {
            channel.write(new ByteBuffer[] {ByteBuffer.wrap(past), message(reason)});
        } catch (IOException e) {
            LOG.debug("viewer {} gone before its replay: {}", name, e.toString());
        }
        close();
    }

    /**
     * Called by the selector thread when output was queued or the socket has room again: writes queued chunks until the
     * socket is full (then asks to be called when it has room) or all is out.
     */
    synchronized void drain() {
        while (!closed) {
            if (queue.isEmpty()) {
                stalled = false;
                if (noticeSkipped()) {
                    continue;
                }
                if (ending) {
                    close();
                } else if (waitingForRoom) {
                    waitingForRoom = false;
                    fanOut.writtenOut(key);
                }
                return;
            }
            int n = 0;
            for (ByteBuffer chunk : queue) {
                gather[n++] = chunk;
                if (n == GATHER) {
                    break;
                }
            }
            long written;
            try {
                written = channel.write(gather, 0, n);
            } catch (IOException e) {
                lost(e);
                return;
            } finally {
                Arrays.fill(gather, 0, n, null);
            }
            queuedBytes -= written;
            notifyAll();
            while (!queue.isEmpty() && !queue.peekFirst().hasRemaining()) {
                queue.pollFirst();
            }
            if (written == 0 || (!queue.isEmpty() && queue.peekFirst().position() > 0)) {
                if (!waitingForRoom) {
                    waitingForRoom = true; // the socket is full: the selector calls again when it has room
                    fanOut.wantWrite(key);
                }
                return;
            }
        }
    }

    private void enqueue(ByteBuffer chunk) {
        queuedBytes += chunk.remaining();
        queue.addLast(chunk);
    }

    /** Queues the "bytes skipped" line if output was skipped for this viewer; true if it did. */
    private boolean noticeSkipped() {
        if (skippedBytes == 0) {
            return false;
        }
        enqueue(ByteBuffer.wrap(("\r\n[xzone: " + skippedBytes + " bytes skipped, this viewer fell behind]\r\n")
                .getBytes(StandardCharsets.UTF_8)));
        skippedBytes = 0;
        return true;
    }

    private static ByteBuffer message(String reason) {
        return ByteBuffer.wrap(("\r\n[xzone: " + reason + "]\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private void lost(IOException e) {
        LOG.debug("viewer {} gone: {}", name, e.toString());
        close();
    }

    /** Detaches this viewer (nothing more is sent, the socket is closed); the console and the others carry on. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true; // a reader waiting for room in its queue moves on
            queue.clear();
            queuedBytes = 0;
            notifyAll();
        }
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing viewer {}: {}", name, e.toString());
        }
        onClose.accept(this);
        gone.countDown();
    }

    /** Waits until this viewer has been closed (it left, or the console ended and it was told). */
    public void awaitClosed() throws InterruptedException {
        gone.await();
    }

    @Override
    public String toString() {
        return name;
    }
}

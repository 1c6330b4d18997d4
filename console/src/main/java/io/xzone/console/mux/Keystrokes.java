package io.xzone.console.mux;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What viewers type, written to the console by a thread of its own in arrival order. A pty write blocks while the
 * guest does not read its console (a paste into a busy guest); that must hold up neither the output nor the other
 * viewers, so it happens here and not on the selector thread. Memory stays bounded: past {@link #MAX_PENDING} bytes not
 * yet written, {@link #send} says so and the caller stops reading keystrokes until {@code onRoom} runs.
 */
final class Keystrokes {
    static final long MAX_PENDING = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(Keystrokes.class);
    private static final byte[] STOP = new byte[0];

    private final ConsoleSource source;
    private final Runnable onRoom;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final AtomicLong pending = new AtomicLong();
    private final Thread thread;
    private volatile boolean full;

    Keystrokes(String console, ConsoleSource source, Runnable onRoom) {
        this.source = source;
        this.onRoom = onRoom;
        this.thread = new Thread(this::loop, "console-input-" + console);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues typed bytes; false when the console is that far behind that the caller should stop reading for now. */
    boolean send(byte[] bytes) {
        boolean room = pending.addAndGet(bytes.length) <= MAX_PENDING;
        if (!room) {
            full = true; // before the bytes are queued, so the writer sees it once it has written them
        }
        queue.add(bytes);
        return room;
    }

    /** True once the writer has caught up again (for a caller that paused after {@link #send} said no). */
    boolean hasRoom() {
        return pending.get() <= MAX_PENDING / 2;
    }

    void stop() {
        queue.add(STOP);
    }

    private void loop() {
        try {
            for (byte[] bytes; (bytes = queue.take()) != STOP; ) {
                write(bytes);
                pending.addAndGet(-bytes.length);
                if (full && hasRoom()) {
                    full = false;
                    onRoom.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(byte[] bytes) {
        try {
            source.write(bytes, 0, bytes.length);
        } catch (RuntimeException e) {
            LOG.warn("sending to the console failed: {}", e.getMessage());
        }
    }
}

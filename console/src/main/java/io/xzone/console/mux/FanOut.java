package io.xzone.console.mux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread per console serving all its viewers' sockets without blocking: it writes the output the reader
 * queued for them (woken once per burst, not once per chunk and viewer), waits for full sockets to have room, and reads
 * what viewers type, handing it to {@link Keystrokes}. Replaces a thread per viewer: with 8 viewers those cost 8
 * wake-ups per chunk, and all of them competing with the reader for 2 cores.
 * Once the console has ended it gives the viewers {@link #DRAIN_MILLIS} to take what is queued, then closes them and
 * stops.
 */
final class FanOut {
    static final long DRAIN_MILLIS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);
    private static final int TYPED_BYTES = 4096;

    private final Selector selector;
    private final Thread thread;
    private final Keystrokes keystrokes;
    private final ByteBuffer typed = ByteBuffer.allocate(TYPED_BYTES);
    /** Viewers not read from while the console is behind with their keystrokes. */
    private final Set<SelectionKey> paused = ConcurrentHashMap.newKeySet();
    /** Viewers with fresh output, written on the selector thread's next round. */
    private final ConcurrentLinkedQueue<Viewer> ready = new ConcurrentLinkedQueue<>();
    private volatile long endedAt = -1;

    FanOut(String console, ConsoleSource source) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("opening a selector for console " + console, e);
        }
        this.keystrokes = new Keystrokes(console, source, this::resumeReading);
        this.thread = new Thread(this::loop, "console-viewers-" + console);
        this.thread.setDaemon(true);
    }

    void start() {
        keystrokes.start();
        thread.start();
    }

    /** Takes the viewer's socket over (non-blocking from now on), reading its keystrokes. */
    SelectionKey register(Viewer viewer) throws IOException {
        viewer.channel().configureBlocking(false);
        SelectionKey key = viewer.channel().register(selector, SelectionKey.OP_READ, viewer);
        selector.wakeup();
        return key;
    }

    /** The viewer's queue was empty and has output now: write it on the next round (any thread). */
    void schedule(Viewer viewer) {
        ready.add(viewer);
        selector.wakeup();
    }

    /** The viewer's socket is full: write again when it has room (selector thread). */
    void wantWrite(SelectionKey key) {
        try {
            key.interestOpsOr(SelectionKey.OP_WRITE);
        } catch (CancelledKeyException e) {
            // the viewer is gone
        }
    }

    /** The viewer's queue is empty again: stop asking for room (selector thread). */
    void writtenOut(SelectionKey key) {
        try {
            key.interestOpsAnd(~SelectionKey.OP_WRITE);
        } catch (CancelledKeyException e) {
            // the viewer is gone
        }
    }

    /** The console has ended: the viewers are told why (by their queues), then closed. */
    void consoleEnded() {
        endedAt = System.nanoTime();
        keystrokes.stop();
        selector.wakeup();
    }

    /** Waits (at most the drain time) until every viewer has been served and closed. */
    void awaitDone() throws InterruptedException {
        thread.join(DRAIN_MILLIS + 1000);
    }

    private void loop() {
        try {
            while (true) {
                selector.select(this::serve, 500);
                for (Viewer viewer; (viewer = ready.poll()) != null; ) {
                    viewer.drain();
                }
                if (endedAt >= 0 && (selector.keys().isEmpty()
                        || System.nanoTime() - endedAt > DRAIN_MILLIS * 1_000_000L)) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("serving the viewers of a console failed: {}", e.toString());
        }
        for (SelectionKey key : List.copyOf(selector.keys())) {
            ((Viewer) key.attachment()).close();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the selector: {}", e.toString());
        }
    }

    private void serve(SelectionKey key) {
        Viewer viewer = (Viewer) key.attachment();
        try {
            if (key.isReadable()) {
                readKeys(key, viewer);
            }
            if (key.isValid() && key.isWritable()) {
                viewer.drain();
            }
        } catch (CancelledKeyException e) {
            // closed while we served it
        }
    }

    private void readKeys(SelectionKey key, Viewer viewer) {
        typed.clear();
        int n;
        try {
            n = viewer.channel().read(typed);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            viewer.close(); // the xzone console process left
        } else if (n > 0 && !keystrokes.send(Arrays.copyOf(typed.array(), n))) {
            key.interestOpsAnd(~SelectionKey.OP_READ);
            paused.add(key);
            if (keystrokes.hasRoom()) {
                resumeReading(); // it caught up before the pause was noted
            }
        }
    }

    /** Called by {@link Keystrokes} once it has caught up: read the paused viewers again. */
    private void resumeReading() {
        for (SelectionKey key : paused) {
            paused.remove(key);
            try {
                key.interestOpsOr(SelectionKey.OP_READ);
            } catch (CancelledKeyException e) {
                // the viewer left meanwhile
            }
        }
        selector.wakeup();
    }
}

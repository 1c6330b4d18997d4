package io.xzone.console.mux;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A viewer for tests: the far end of a viewer's socket, keeping what it receives and letting a test wait for text or
 * for the close. Created frozen (reading nothing until released) it stands in for a stalled ssh session.
 */
public final class CollectingSink {
    private final SocketPair sockets = SocketPair.open();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CountDownLatch closed = new CountDownLatch(1);

    public CollectingSink() {
        this(new CountDownLatch(0));
    }

    /** A viewer that takes nothing until {@code release} opens. */
    public CollectingSink(CountDownLatch release) {
        Thread reader = new Thread(() -> collect(release), "collecting-sink");
        reader.setDaemon(true);
        reader.start();
    }

    /** The socket to give the multiplexer. */
    public SocketChannel channel() {
        return sockets.muxSide();
    }

    /** The viewer's own end, e.g. to type. */
    public SocketChannel viewerSide() {
        return sockets.viewerSide();
    }

    private void collect(CountDownLatch release) {
        ByteBuffer buf = ByteBuffer.allocate(65536);
        try {
            release.await();
            while (sockets.viewerSide().read(buf.clear()) >= 0) {
                synchronized (this) {
                    received.write(buf.array(), 0, buf.position());
                    notifyAll();
                }
            }
        } catch (IOException | InterruptedException e) {
            // closed: the end of what this viewer gets
        }
        closed.countDown();
    }

    public synchronized byte[] bytes() {
        return received.toByteArray();
    }

    public String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    public synchronized boolean awaitBytes(int count, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (received.size() < count && System.currentTimeMillis() < deadline) {
            wait(50);
        }
        return received.size() >= count;
    }

    public synchronized boolean awaitText(String text, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!received.toString(StandardCharsets.UTF_8).contains(text) && System.currentTimeMillis() < deadline) {
            wait(50);
        }
        return received.toString(StandardCharsets.UTF_8).contains(text);
    }

    /** True once the multiplexer closed the socket (end of stream) within the time. */
    public boolean awaitClosed(long millis) throws InterruptedException {
        return closed.await(millis, TimeUnit.MILLISECONDS);
    }
}

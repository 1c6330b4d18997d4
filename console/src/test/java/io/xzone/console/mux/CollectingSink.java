package io.xzone.console.mux;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A viewer for tests: keeps what it receives and lets a test wait for text or for the close. */
public final class CollectingSink implements ViewerSink {
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile String closeReason;

    @Override
    public synchronized void write(byte[] bytes) {
        received.writeBytes(bytes);
        notifyAll();
    }

    @Override
    public void close(String reason) {
        closeReason = reason;
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

    public boolean awaitClosed(long millis) throws InterruptedException {
        return closed.await(millis, TimeUnit.MILLISECONDS);
    }

    public String closeReason() {
        return closeReason;
    }
}

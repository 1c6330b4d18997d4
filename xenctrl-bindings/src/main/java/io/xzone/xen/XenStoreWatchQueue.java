package io.xzone.xen;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A {@link XenStoreWatch} whose events are queued by whoever receives them from xenstore (a dispatcher thread, or a
 * fake store); closing it hands itself to the given unwatch, once.
 */
public final class XenStoreWatchQueue implements XenStoreWatch {
    private final String path;
    private final Consumer<XenStoreWatchQueue> unwatch;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    public XenStoreWatchQueue(String path, Consumer<XenStoreWatchQueue> unwatch) {
        this.path = path;
        this.unwatch = unwatch;
    }

    /** Queues one fired path; ignored once the watch is closed. */
    public void fire(String changedPath) {
        if (!closed.get()) {
            events.add(changedPath);
        }
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Optional<String> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            events.clear();
            unwatch.accept(this);
        }
    }
}

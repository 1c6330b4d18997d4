package io.xzone.xen;

import java.time.Duration;
import java.util.Optional;

/**
 * A xenstore watch (xs_watch): every change at or below {@link #path()} queues the changed node's path here. Like
 * xenstored itself, a new watch fires once right away with its own path, so a waiter never misses a change made
 * between reading the state and watching it. Special paths: {@link XenStore#INTRODUCE_DOMAIN},
 * {@link XenStore#RELEASE_DOMAIN}.
 */
public interface XenStoreWatch extends AutoCloseable {

    /** The watched path. */
    String path();

    /** The next changed path, waiting up to {@code timeout}; empty when nothing changed in time. */
    Optional<String> next(Duration timeout) throws InterruptedException;

    /** Removes the watch (xs_unwatch); queued events are dropped. Idempotent. */
    @Override
    void close();
}

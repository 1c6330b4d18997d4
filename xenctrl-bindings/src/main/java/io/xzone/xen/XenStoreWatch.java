package io.xzone.xen;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

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

    /**
     * Checks {@code condition} now, on every event of this watch and at least every {@code recheck} (for what no watch
     * reports, e.g. a domain's state), until it holds or {@code timeout} has passed.
     *
     * @return whether the condition held in time
     */
    default boolean awaitUntil(BooleanSupplier condition, Duration timeout, Duration recheck) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                return false;
            }
            next(left.compareTo(recheck) < 0 ? left : recheck);
        }
        return true;
    }

    /** Removes the watch (xs_unwatch); queued events are dropped. Idempotent. */
    @Override
    void close();
}

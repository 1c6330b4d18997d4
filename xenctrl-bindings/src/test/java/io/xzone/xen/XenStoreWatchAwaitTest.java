package io.xzone.xen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class XenStoreWatchAwaitTest {

    /** A watch with no events: every next() waits out its timeout, which it records. */
    private static final class QuietWatch implements XenStoreWatch {
        final List<Duration> waits = new ArrayList<>();

        @Override
        public String path() {
            return "/quiet";
        }

        @Override
        public Optional<String> next(Duration timeout) throws InterruptedException {
            waits.add(timeout);
            Thread.sleep(timeout.toMillis());
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aConditionThatAlreadyHoldsReturnsWithoutWaiting() throws InterruptedException {
        QuietWatch watch = new QuietWatch();
        assertTrue(watch.awaitUntil(() -> true, Duration.ofSeconds(10), Duration.ofSeconds(1)));
        assertEquals(List.of(), watch.waits);
    }

    @Test
    void theConditionIsRecheckedEveryRecheckIntervalUntilItHolds() throws InterruptedException {
        QuietWatch watch = new QuietWatch();
        int[] checks = {0};
        assertTrue(watch.awaitUntil(() -> ++checks[0] == 3, Duration.ofSeconds(10), Duration.ofMillis(5)));
        assertEquals(List.of(Duration.ofMillis(5), Duration.ofMillis(5)), watch.waits);
    }

    @Test
    void aConditionThatNeverHoldsGivesUpAtTheTimeout() throws InterruptedException {
        QuietWatch watch = new QuietWatch();
        assertFalse(watch.awaitUntil(() -> false, Duration.ofMillis(30), Duration.ofSeconds(1)));
        assertTrue(watch.waits.stream().allMatch(w -> w.compareTo(Duration.ofMillis(30)) <= 0), watch.waits.toString());
    }
}

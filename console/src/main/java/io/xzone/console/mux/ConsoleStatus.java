package io.xzone.console.mux;

import java.time.Duration;
import java.time.Instant;

/**
 * What a console looks like right now: when it last printed (null: never since it was opened), its last line, and
 * whether it has ended.
 */
public record ConsoleStatus(Instant lastOutput, String lastLine, boolean ended) {
    /** A console counts as live when it printed within this window. */
    public static final Duration LIVE_WINDOW = Duration.ofSeconds(30);

    public boolean liveAt(Instant now) {
        return !ended && lastOutput != null && Duration.between(lastOutput, now).compareTo(LIVE_WINDOW) <= 0;
    }
}

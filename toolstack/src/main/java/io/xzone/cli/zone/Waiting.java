package io.xzone.cli.zone;

import io.xzone.cli.CommandFailure;
import io.xzone.cli.ExitCode;
import java.time.Duration;

/** Waits that an interrupt (Ctrl-C) ends with a clear line rather than a stack trace. */
final class Waiting {
    interface Wait<T> {
        T happened() throws InterruptedException;
    }

    private Waiting() {
    }

    static <T> T until(Wait<T> wait) {
        try {
            return wait.happened();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure(ExitCode.FAILED, "interrupted while waiting");
        }
    }

    static void sleep(Duration pause) {
        until(() -> {
            Thread.sleep(pause.toMillis());
            return true;
        });
    }
}

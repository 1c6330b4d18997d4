package io.xzone.boot.launch;

/**
 * A launch failed at one build step. By the time this is thrown, what the launch had created is gone again (or the
 * message says what could not be removed); the message names the zone, the step and the reason in one line.
 */
public final class LaunchException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final BuildStep step;

    LaunchException(String zone, BuildStep step, String reason, String cleanup, Throwable cause) {
        super("launch of " + zone + " failed at step " + step.label() + ": " + reason + "; " + cleanup, cause);
        this.step = step;
    }

    public BuildStep step() {
        return step;
    }
}

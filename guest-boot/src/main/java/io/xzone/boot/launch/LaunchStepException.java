package io.xzone.boot.launch;

/** A step failed for a reason outside the Xen libraries (a device model that did not start, a missing firmware). */
public final class LaunchStepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LaunchStepException(String message) {
        super(message);
    }

    public LaunchStepException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.xzone.boot.device;

/** A hotplug script failed, or a backend did not reach the state a device change waits for; one line. */
public final class HotplugException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HotplugException(String message) {
        super(message);
    }
}

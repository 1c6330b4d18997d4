package io.xzone.boot.backend;

/** The requested backend cannot work on this host or with this kernel; the message is one sentence with a way out. */
public final class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }
}

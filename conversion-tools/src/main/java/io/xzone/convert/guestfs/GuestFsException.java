package io.xzone.convert.guestfs;

/** A guest filesystem could not be read or written; the message names the filesystem, the path and the reason. */
public final class GuestFsException extends Exception {
    private static final long serialVersionUID = 1L;

    public GuestFsException(String message) {
        super(message);
    }

    public GuestFsException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.xzone.convert.disk;

/** A disk image that cannot be read as a partitioned disk; the message says why. */
public final class DiskImageException extends Exception {
    private static final long serialVersionUID = 1L;

    public DiskImageException(String message) {
        super(message);
    }
}

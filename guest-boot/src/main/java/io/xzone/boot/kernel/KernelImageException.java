package io.xzone.boot.kernel;

/** A kernel file that cannot be read or is not an ELF image; the message names the file and says what it is instead. */
public final class KernelImageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KernelImageException(String message) {
        super(message);
    }

    public KernelImageException(String message, Throwable cause) {
        super(message, cause);
    }
}

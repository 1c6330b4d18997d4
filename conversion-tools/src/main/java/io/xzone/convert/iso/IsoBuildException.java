package io.xzone.convert.iso;

/** A GRUB CD could not be built; the message names the tool and what it said. */
public final class IsoBuildException extends Exception {
    private static final long serialVersionUID = 1L;

    public IsoBuildException(String message) {
        super(message);
    }
}

package io.xzone.convert;

/**
 * Why one guest could not be converted or rolled back, as one sentence an operator can act on. {@link Kind} tells bad
 * input (the guest's config or disk is not something xzone can convert; nothing was touched) from a failure while
 * working (a tool failed, a write failed).
 */
public class ConversionException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Bad input means nothing was changed; not found names a guest xzone has no journal for; a failure may leave a
     * journal that a rerun or a rollback completes.
     */
    public enum Kind { BAD_INPUT, NOT_FOUND, FAILED }

    private final Kind kind;

    public ConversionException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ConversionException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static ConversionException badInput(String message) {
        return new ConversionException(Kind.BAD_INPUT, message);
    }

    public static ConversionException failed(String message) {
        return new ConversionException(Kind.FAILED, message);
    }

    public Kind kind() {
        return kind;
    }
}

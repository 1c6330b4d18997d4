package io.xzone.convert.journal;

/** A journal that cannot be used as it is (about another image, or a damaged copy); the message says what to do. */
public final class JournalException extends Exception {
    private static final long serialVersionUID = 1L;

    public JournalException(String message) {
        super(message);
    }
}

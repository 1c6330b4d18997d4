package io.xzone.console;

/** The zone or console asked for does not exist; the message says which and what to do instead. */
public final class NoSuchConsole extends Exception {
    private static final long serialVersionUID = 1L;

    public NoSuchConsole(String message) {
        super(message);
    }
}

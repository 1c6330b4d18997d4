package io.xzone.console.server;

import java.io.IOException;

/** The console server could not open the console (its pty is gone, or cannot be opened); the message says why. */
public final class ConsoleUnavailable extends IOException {
    private static final long serialVersionUID = 1L;

    public ConsoleUnavailable(String message) {
        super(message);
    }
}

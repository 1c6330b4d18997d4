package io.xzone.boot.spec;

/**
 * A zone spec (file or flags) is invalid. The message is one line that starts with where the bad value came from
 * ({@code web.toml:7: memory: ...} or {@code --memory: ...}), so the operator can go straight to it.
 */
public final class SpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SpecException(Origin origin, String field, String problem) {
        super(origin.describe() + field + ": " + problem);
    }

    public SpecException(String message) {
        super(message);
    }
}

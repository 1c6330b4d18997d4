package io.xzone.console.attach;

/**
 * The key that leaves a console, written as operators write it: caret notation ({@code ^]}, the default like xl's
 * Ctrl-], {@code ^A}, {@code ^?}) or {@code ctrl-X}.
 */
public record EscapeKey(byte code, String notation) {
    public static final EscapeKey DEFAULT = new EscapeKey((byte) 0x1d, "^]");

    /** Parses {@code ^X} or {@code ctrl-X}; anything else is an IllegalArgumentException whose message says what fits. */
    public static EscapeKey parse(String text) {
        String t = text.strip();
        String key = null;
        if (t.length() == 2 && t.charAt(0) == '^') {
            key = t.substring(1);
        } else if (t.length() == 6 && t.regionMatches(true, 0, "ctrl-", 0, 5)) {
            key = t.substring(5);
        }
        if (key != null) {
            char c = Character.toUpperCase(key.charAt(0));
            if (c == '?') {
                return new EscapeKey((byte) 0x7f, "^?");
            }
            if (c >= '@' && c <= '_') {
                return new EscapeKey((byte) (c & 0x1f), "^" + c);
            }
        }
        throw new IllegalArgumentException("escape key '" + text + "' is not a control key: use ^X or ctrl-X with X one of"
                + " A-Z @ [ \\ ] ^ _ ? (default ^])");
    }

    /** How to say it in a hint: "Ctrl-]". */
    public String describe() {
        return code == 0x7f ? "Ctrl-?" : "Ctrl-" + notation.charAt(1);
    }
}

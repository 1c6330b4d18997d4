package io.xzone.text;

/**
 * Double-quoted strings with the escapes JSON and TOML basic strings share, so the zone specs, reports and JSON
 * output of every module quote the same way. DEL is escaped too: TOML forbids it raw, JSON accepts the escape.
 */
public final class Quoting {
    private Quoting() {
    }

    public static String basicString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

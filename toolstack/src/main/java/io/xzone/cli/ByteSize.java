package io.xzone.cli;

import java.util.Locale;

/** Sizes as operators write them: 4096, 64K, 10M, 1G (powers of 1024). */
final class ByteSize {
    private ByteSize() {
    }

    /** The size in bytes; a CommandFailure (bad input) naming the option when the text is not a positive size. */
    static long parse(String option, String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (!t.isEmpty() && "KMG".indexOf(t.charAt(t.length() - 1)) >= 0) {
            unit = 1L << (10 * ("KMG".indexOf(t.charAt(t.length() - 1)) + 1));
            t = t.substring(0, t.length() - 1);
        }
        try {
            long value = Long.parseLong(t);
            if (value > 0 && value <= Long.MAX_VALUE / unit) {
                return value * unit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CommandFailure.badInput(option + " '" + text + "' is not a size: use a positive number of bytes, "
                + "optionally with K, M or G (e.g. 10M)");
    }
}

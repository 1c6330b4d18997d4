package io.xzone.convert.edit;

import java.util.regex.Pattern;

/**
 * Kernel command line edits that move a guest's console from the Xen PV console to the first serial port: hvc0 (and
 * the xvc0 of old kernels) become ttyS0, {@code xencons=} goes, and a command line naming no console at all gets
 * {@code console=ttyS0,115200} (a PV kernel defaults to hvc0, an HVM one to the screen, which nobody reads here).
 */
public final class ConsoleArgs {
    public static final String SERIAL_CONSOLE = "console=ttyS0,115200";
    private static final Pattern XEN_CONSOLE = Pattern.compile("\\b[xh]vc0\\b");
    private static final Pattern XENCONS = Pattern.compile("\\s*\\bxencons=\\S*");
    private static final Pattern ANY_CONSOLE = Pattern.compile("(^|\\s)console=");

    private ConsoleArgs() {
    }

    /** hvc0/xvc0 -> ttyS0 and xencons= removed, nothing added. */
    public static String replaceXenConsole(String text) {
        return XENCONS.matcher(XEN_CONSOLE.matcher(text).replaceAll("ttyS0")).replaceAll("");
    }

    public static boolean namesConsole(String text) {
        return ANY_CONSOLE.matcher(text).find();
    }

    /** A whole command line (or a kernel line of a boot menu) made to log on ttyS0. */
    public static String toSerial(String line) {
        String replaced = replaceXenConsole(line);
        return namesConsole(replaced) ? replaced : replaced.stripTrailing() + " " + SERIAL_CONSOLE;
    }
}

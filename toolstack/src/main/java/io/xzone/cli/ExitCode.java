package io.xzone.cli;

/**
 * The exit codes of every xzone command, documented in {@code xzone --help} (keep {@link Xzone}'s list in step). Scripts rely on these numbers: never
 * renumber one, only add.
 */
public final class ExitCode {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The operation was attempted and failed (the message says which step and why). */
    public static final int FAILED = 1;
    /** Bad input: an unknown flag, a bad value, an invalid spec or config file. Nothing was changed. */
    public static final int BAD_INPUT = 2;
    /** Xen is not reachable: not running on a Xen dom0, /dev/xen missing, or no privilege to use it. */
    public static final int NO_XEN = 3;
    /** The host cannot do what was asked (for example pvh/hvm without VT-x/AMD-V); stopped before any hypercall. */
    public static final int UNSUPPORTED = 4;
    /** The named zone, console or guest does not exist. */
    public static final int NOT_FOUND = 5;
    /** Bulk work finished, but at least one item failed (the report names them). */
    public static final int PARTIAL = 6;


    private ExitCode() {
    }
}

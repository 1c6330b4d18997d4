package io.xzone.console;

/** The two consoles a zone can have, and where xenstore publishes the pty of each. */
public enum ConsoleType {
    /** hvc0: the PV console, served by xenconsoled. */
    PV("pv", "hvc0", "console/tty"),
    /** ttyS0: the emulated serial port of an HVM zone's device model (QEMU). */
    SERIAL("serial", "ttyS0", "serial/0/tty");

    private final String label;
    private final String guestDevice;
    private final String ttyNode;

    ConsoleType(String label, String guestDevice, String ttyNode) {
        this.label = label;
        this.guestDevice = guestDevice;
        this.ttyNode = ttyNode;
    }

    /** The name operators type ({@code -t pv|serial}). */
    public String label() {
        return label;
    }

    /** The device name the guest sees. */
    public String guestDevice() {
        return guestDevice;
    }

    /** The xenstore node holding the pty path, e.g. /local/domain/7/console/tty. */
    public String ttyPath(int domid) {
        return "/local/domain/" + domid + "/" + ttyNode;
    }

    public ConsoleType other() {
        return this == PV ? SERIAL : PV;
    }

    @Override
    public String toString() {
        return label;
    }
}

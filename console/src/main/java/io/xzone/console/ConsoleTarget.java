package io.xzone.console;

/** One console of one zone, with the pty xenstore named for it. */
public record ConsoleTarget(int domid, String zoneName, ConsoleType type, String ptyPath) {
    public ConsoleTarget {
        if (ptyPath.isEmpty() || ptyPath.contains(" ") || zoneName.contains("\n")) {
            throw new IllegalArgumentException("bad console target: " + domid + " " + zoneName + " " + ptyPath);
        }
    }

    /** "web1 pv (hvc0)": how messages name it. */
    public String describe() {
        return zoneName + " " + type.label() + " (" + type.guestDevice() + ")";
    }
}

package io.xzone.console;

/** What the picker shows for one console. */
public enum ConsoleState {
    /** Printed within the last {@link io.xzone.console.mux.ConsoleStatus#LIVE_WINDOW}. */
    LIVE,
    /** Exists but has been quiet (a login prompt waiting, a guest still booting its firmware). */
    IDLE,
    /** The zone has no such console (no device model for serial, or no pty published). */
    ABSENT;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

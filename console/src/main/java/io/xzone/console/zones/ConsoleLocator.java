package io.xzone.console.zones;

import io.xzone.console.ConsoleType;
import java.time.Duration;
import java.util.Optional;

/** Where a zone's console pty is, as its backend (xenconsoled, QEMU) published it. */
public interface ConsoleLocator {
    /** The pty path if the backend has published it. */
    Optional<String> tty(int domid, ConsoleType type);

    /**
     * Whether the zone is set up to have this console at all (a pv console configured for xenconsoled, a device model
     * for serial), even if its pty is not published yet.
     */
    boolean configured(Zone zone, ConsoleType type);

    /** Waits up to {@code timeout} for the pty to be published, with a watch rather than by polling. */
    Optional<String> awaitTty(int domid, ConsoleType type, Duration timeout) throws InterruptedException;
}

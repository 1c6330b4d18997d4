package io.xzone.xen;

import java.util.Optional;

/** SHUTDOWN_* codes: what {@code xc_domain_shutdown} asks for and what a shut-down domain reports. */
public enum ShutdownReason {
    POWEROFF(0),
    REBOOT(1),
    SUSPEND(2),
    CRASH(3),
    WATCHDOG(4),
    SOFT_RESET(5);

    private final int code;

    ShutdownReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ShutdownReason> fromCode(int code) {
        for (ShutdownReason r : values()) {
            if (r.code == code) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}

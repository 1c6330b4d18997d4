package io.xzone.boot.launch;

import java.util.Locale;

/**
 * The steps of every launch, in the order the boot strategy's template method runs them. A failure names its step,
 * e.g. "launch of web failed at step image: ...".
 */
public enum BuildStep {
    CREATE,
    LIMITS,
    EVENT_CHANNELS,
    IMAGE,
    XENSTORE,
    INTRODUCE,
    DEVICE_MODEL,
    DEVICES,
    UNPAUSE;

    /** The step's name as messages and --dry-run show it: "event channels". */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}

package io.xzone.boot.launch;

import io.xzone.boot.spec.Origin;

/**
 * The spec asks for a device the chosen type of guest cannot get from xzone; refused before anything is created, so a
 * zone never runs without a disk or vif its spec names. The message starts with the spec line and field.
 */
public final class UnsupportedDeviceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedDeviceException(Origin origin, String field, String problem) {
        super(origin.describe() + field + ": " + problem);
    }
}

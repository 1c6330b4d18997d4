package io.xzone.boot.launch;

import io.xzone.boot.backend.GuestType;

/** A zone that is up: its domain id and the type it runs as. */
public record LaunchedZone(String name, int domid, GuestType type) {
}

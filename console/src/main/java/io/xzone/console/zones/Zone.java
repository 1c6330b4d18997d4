package io.xzone.console.zones;

/** A running zone as the console tools see it. */
public record Zone(int domid, String name, ZoneKind kind) {
}

package io.xzone.console.server;

import io.xzone.console.ConsoleType;
import java.nio.file.Path;

/** Per-console log files: one file per zone and console in {@code dir}, each capped at {@code maxBytes}. */
public record LogSettings(Path dir, long maxBytes) {
    public Path fileFor(String zoneName, ConsoleType type) {
        // A zone name is the guest owner's choice: keep it from naming a path elsewhere.
        return dir.resolve(zoneName.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + type.label() + ".log");
    }
}

package io.xzone.console.server;

import java.nio.file.Path;

/** Per-console log files: one file per zone and console in {@code dir}, each capped at {@code maxBytes}. */
public record LogSettings(Path dir, long maxBytes) {
    public Path fileFor(String zoneName, io.xzone.console.ConsoleType type) {
        return dir.resolve(zoneName + "-" + type.label() + ".log");
    }
}

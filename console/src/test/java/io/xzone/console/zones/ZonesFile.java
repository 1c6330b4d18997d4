package io.xzone.console.zones;

import io.xzone.console.ConsoleType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Zones listed in a text file, one per line: {@code DOMID NAME KIND PVTTY|- SERIALTTY|-}; re-read on every call so a
 * test can make zones come and go while a picker runs in another process.
 */
public final class ZonesFile implements ZoneDirectory, ConsoleLocator {
    private final Path file;

    public ZonesFile(Path file) {
        this.file = file;
    }

    public static String line(int domid, String name, ZoneKind kind, String pvTty, String serialTty) {
        return domid + " " + name + " " + kind.name() + " " + (pvTty == null ? "-" : pvTty) + " "
                + (serialTty == null ? "-" : serialTty) + "\n";
    }

    private List<String[]> entries() {
        try {
            List<String[]> entries = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    entries.add(line.strip().split(" "));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Zone> zones() {
        return entries().stream().map(e -> new Zone(Integer.parseInt(e[0]), e[1], ZoneKind.valueOf(e[2]))).toList();
    }

    @Override
    public Optional<String> tty(int domid, ConsoleType type) {
        return entries().stream().filter(e -> e[0].equals(String.valueOf(domid)))
                .map(e -> e[type == ConsoleType.PV ? 3 : 4]).filter(tty -> !tty.equals("-")).findFirst();
    }

    @Override
    public boolean configured(Zone zone, ConsoleType type) {
        return tty(zone.domid(), type).isPresent();
    }

    @Override
    public Optional<String> awaitTty(int domid, ConsoleType type, Duration timeout) {
        return tty(domid, type);
    }
}

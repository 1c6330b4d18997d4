package io.xzone.convert.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The guests of a bulk run: a folder (every *.cfg in it, sorted by name, generated *.hvm.cfg left out) or a list file
 * (one xl.cfg path a line, relative to the list's folder; blank lines and # comments ignored).
 */
public final class Inventory {
    private Inventory() {
    }

    public static List<Path> read(Path inventory) throws IOException {
        if (Files.isDirectory(inventory)) {
            try (Stream<Path> files = Files.list(inventory)) {
                return files.filter(p -> p.getFileName().toString().endsWith(".cfg"))
                        .filter(p -> !p.getFileName().toString().endsWith(".hvm.cfg"))
                        .sorted().toList();
            }
        }
        List<Path> configs = new ArrayList<>();
        Path folder = inventory.toAbsolutePath().getParent();
        for (String line : Files.readAllLines(inventory)) {
            String entry = line.strip();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                Path path = Path.of(entry);
                configs.add(path.isAbsolute() ? path : folder.resolve(path));
            }
        }
        return configs;
    }
}

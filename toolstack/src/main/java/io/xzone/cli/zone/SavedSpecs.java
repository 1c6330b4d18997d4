package io.xzone.cli.zone;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The specs `zone launch` saves for the zones it launches, NAME.toml in the run folder (/run/xzone): read again by the
 * zone's supervisor when it relaunches the zone, and by a daemon that adopts the zone's supervision.
 */
final class SavedSpecs {
    private static final String SUFFIX = ".toml";

    private SavedSpecs() {
    }

    /** Where the spec of the zone {@code name} is saved. */
    static Path of(Path run, String name) {
        return run.resolve(name + SUFFIX);
    }

    /** The zone a saved spec is of, by its file name. */
    static String zoneName(Path spec) {
        String file = spec.getFileName().toString();
        return file.endsWith(SUFFIX) ? file.substring(0, file.length() - SUFFIX.length()) : file;
    }

    /** Every saved spec in {@code run}, by name; none when there is no such folder. */
    static List<Path> all(Path run) throws IOException {
        List<Path> specs = new ArrayList<>();
        if (Files.isDirectory(run)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(run, "*" + SUFFIX)) {
                files.forEach(specs::add);
            }
        }
        specs.sort(null);
        return specs;
    }
}

package io.xzone.samples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.xzone.boot.spec.SpecFiles;
import io.xzone.boot.spec.ZoneSpecFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample zone spec parses and validates. The kernels, ramdisks and disks they name live on a Xen host (or in the
 * lab's dom0), so the test puts stand-ins at those paths' file names under a temporary root and validates the sample
 * with its paths moved there; every other field is checked as written.
 */
class ZoneSamplesTest {
    static final Path ZONES = Path.of(System.getProperty("xzone.project.root", ".."), "samples", "zones");

    @TempDir
    Path root;

    static List<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(ZONES)) {
            List<Path> specs = files.filter(f -> f.toString().endsWith(".toml")).sorted().toList();
            assertFalse(specs.isEmpty(), "no samples under " + ZONES);
            return specs;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleIsAValidZone(Path sample) throws IOException {
        String text = Files.readString(sample);
        SpecFiles files = new SpecFiles(root);
        for (String line : text.lines().toList()) {
            String value = line.replaceAll("^\\s*(kernel|ramdisk|path)\\s*=\\s*\"([^\"]+)\".*$", "$2");
            if (!value.equals(line)) {
                String name = Path.of(value).getFileName().toString();
                if (name.equals("bzImage")) {
                    files.bzImage(name);
                } else {
                    files.elfKernel(name);
                }
                text = text.replace("\"" + value + "\"", "\"" + root.resolve(name) + "\"");
            }
        }
        Path moved = files.file(sample.getFileName().toString(), text);
        assertDoesNotThrow(() -> ZoneSpecFile.read(moved).build(Set.of()));
    }
}

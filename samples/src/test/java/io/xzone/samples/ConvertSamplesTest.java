package io.xzone.samples;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.boot.spec.SpecFiles;
import io.xzone.boot.spec.ZoneSpecFile;
import io.xzone.convert.bulk.Inventory;
import io.xzone.convert.xl.DiskSpec;
import io.xzone.convert.xl.HvmConfigWriter;
import io.xzone.convert.xl.XlConfig;
import io.xzone.convert.xl.XlConfigReader;
import io.xzone.convert.xl.ZoneSpecWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample PV guest parses; its HVM xl.cfg parses back as an HVM guest; its zone spec is one guest-boot's reader
 * accepts (disk images swapped for stand-ins in a temporary folder); the inventory lists every sample.
 */
class ConvertSamplesTest {
    static final Path CONVERT = Path.of(System.getProperty("xzone.project.root", ".."), "samples", "convert");

    @TempDir
    Path root;

    static List<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(CONVERT)) {
            List<Path> configs = files.filter(f -> f.toString().endsWith(".cfg")).sorted().toList();
            assertFalse(configs.isEmpty(), "no samples under " + CONVERT);
            return configs;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleConvertsToValidHvmConfigAndZoneSpec(Path sample) throws Exception {
        XlConfig pv = new XlConfigReader().read(sample);
        assertEquals("pv", pv.guestType());
        assertFalse(pv.disks().isEmpty());
        Path iso = root.resolve("grub2.iso");
        Files.writeString(iso, "cd");

        Path hvm = Files.writeString(root.resolve(pv.name() + ".hvm.cfg"), new HvmConfigWriter().write(pv, iso));
        XlConfig back = new XlConfigReader().read(hvm);
        assertEquals("hvm", back.guestType());
        assertEquals(pv.disks().size() + 1, back.disks().size());
        assertEquals(pv.vifs(), back.vifs());

        String spec = new ZoneSpecWriter().write(pv, iso);
        SpecFiles files = new SpecFiles(root);
        for (DiskSpec disk : pv.disks()) {
            // Block devices and images live on a Xen host: stand-in files, written as files.
            Path standIn = files.file(Path.of(disk.target()).getFileName().toString(), "disk");
            spec = spec.replace("\"" + disk.targetPath(CONVERT) + "\"", "\"" + standIn + "\"").replace("\"phy\"", "\"file\"");
        }
        Path moved = files.file(pv.name() + ".toml", spec);
        String finalSpec = spec;
        assertDoesNotThrow(() -> ZoneSpecFile.read(moved).build(Set.of()), finalSpec);
    }

    @Test
    void inventoryListsEverySample() throws Exception {
        assertEquals(samples(), Inventory.read(CONVERT.resolve("inventory.list")).stream().map(Path::normalize).sorted().toList());
        assertTrue(Inventory.read(CONVERT).containsAll(samples()));
    }
}

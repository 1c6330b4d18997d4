package io.xzone.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.convert.guestfs.Debugfs;
import io.xzone.convert.guestfs.ExtPartitionFileSystem;
import io.xzone.convert.guestfs.FileState;
import io.xzone.convert.guestfs.GuestTree;
import io.xzone.convert.disk.PartitionTableReader;
import io.xzone.convert.iso.GrubIsoBuilder;
import io.xzone.convert.testing.DiskBuilder;
import io.xzone.convert.testing.SampleGuests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Converts each sample guest layout for real (debugfs on built images), reruns it, and rolls it back. */
class PvToHvmConverterTest {
    private static Path scratch;
    private static GrubIsoBuilder isos;

    @BeforeAll
    static void setUp() throws Exception {
        scratch = SampleGuests.scratch("converter");
        isos = new GrubIsoBuilder(Path.of("target", "grub-iso-cache").toAbsolutePath());
    }

    private static Path guest(SampleGuests kind, Path folder) throws Exception {
        Path image = kind.build(folder.resolve("disk.img"), null, null);
        Path cfg = folder.resolve("guest.cfg");
        Files.writeString(cfg, kind.xlConfig(kind.name().toLowerCase(), image));
        return cfg;
    }

    static String text(Path image, int partition, String path) throws Exception {
        var table = new PartitionTableReader().read(image);
        FileState state;
        try (Debugfs debugfs = new Debugfs(image)) {
            var fs = new ExtPartitionFileSystem(debugfs, table.partition(partition).orElseThrow().startBytes(), "p", scratch);
            state = new GuestTree(fs, "/").state(path);
        }
        return state instanceof FileState.Regular r ? new String(r.content(), StandardCharsets.UTF_8) : state.toString();
    }

    static void assertFsckClean(Path image) throws Exception {
        for (var p : new PartitionTableReader().read(image).partitions()) {
            DiskBuilder.run("", "e2fsck", "-fn", image + "?offset=" + p.startBytes());
        }
    }

    @ParameterizedTest
    @EnumSource(SampleGuests.class)
    void convertsRerunsAsNoOpAndRollsBackByteIdentical(SampleGuests kind) throws Exception {
        Path folder = Files.createTempDirectory(scratch, kind.name());
        Path cfg = guest(kind, folder);
        Path image = folder.resolve("disk.img");
        Path state = folder.resolve("state");
        Map<String, byte[]> before = snapshot(image);

        ConversionResult result = new PvToHvmConverter(state, isos).convert(cfg, null, false);
        assertEquals(ConversionResult.Status.CONVERTED, result.status(), result.reason());
        assertFalse(result.changes().isEmpty());
        assertFsckClean(image);
        String hvm = Files.readString(folder.resolve(kind.name().toLowerCase() + ".hvm.cfg"));
        assertTrue(hvm.contains("type = \"hvm\"") && hvm.contains("devtype=cdrom") && hvm.contains("serial = \"pty\""), hvm);
        assertTrue(Files.exists(folder.resolve(kind.name().toLowerCase() + ".zone.toml")));

        ConversionResult again = new PvToHvmConverter(state, isos).convert(cfg, null, false);
        assertEquals(ConversionResult.Status.UNCHANGED, again.status(), again.reason() + again.changes());

        ConversionResult rolledBack = new Rollback(state).rollback(kind.name().toLowerCase());
        assertEquals(ConversionResult.Status.ROLLED_BACK, rolledBack.status(), rolledBack.reason());
        assertFsckClean(image);
        Map<String, byte[]> after = snapshot(image);
        assertEquals(before.keySet(), after.keySet());
        for (String path : before.keySet()) {
            assertTrue(java.util.Arrays.equals(before.get(path), after.get(path)), path + " differs after rollback");
        }
        assertFalse(Files.exists(folder.resolve(kind.name().toLowerCase() + ".hvm.cfg")));
    }

    /** Every regular file of every partition (via debugfs rdump), with its mode and owner as part of the key. */
    static Map<String, byte[]> snapshot(Path image) throws Exception {
        Map<String, byte[]> files = new java.util.TreeMap<>();
        for (var p : new PartitionTableReader().read(image).partitions()) {
            Path out = Files.createTempDirectory(scratch, "rdump");
            DiskBuilder.run("", "debugfs", "-R", "rdump / " + out, image + "?offset=" + p.startBytes());
            try (var walk = Files.walk(out)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    String key = p.number() + ":" + out.relativize(f);
                    files.put(key, Files.readAllBytes(f));
                }
            }
            String listing = DiskBuilder.run("", "debugfs", "-R", "ls -l -r /etc /boot /grub /boot/grub /etc/init /etc/default",
                    image + "?offset=" + p.startBytes());
            files.put(p.number() + ":listing", listing.replaceAll("(?m)^\\s*\\d+\\s+", "").replaceAll("\\d\\d-\\w{3}-\\d{4} \\d\\d:\\d\\d", "")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    @Test
    void aMountedGuestRootIsConvertedAndRolledBackInPlace() throws Exception {
        Path folder = Files.createTempDirectory(scratch, "mounted");
        Path root = SampleGuests.CENTOS6.rootFiles().writeTo(folder.resolve("root"));
        String grubConf = Files.readString(root.resolve("boot/grub/grub.conf"));
        Path cfg = Files.writeString(folder.resolve("c6.cfg"), SampleGuests.CENTOS6.xlConfig("c6", folder.resolve("none.img")));
        Path state = folder.resolve("state");

        ConversionResult result = new PvToHvmConverter(state, isos).convert(cfg, root, false);
        assertEquals(ConversionResult.Status.CONVERTED, result.status(), result.reason());
        String converted = Files.readString(root.resolve("boot/grub/grub.conf"));
        assertTrue(converted.contains("console=ttyS0") && !converted.contains("splashimage"), converted);
        assertTrue(Files.isSymbolicLink(root.resolve("boot/grub/menu.lst")), "the symlink stays a symlink");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve("boot/grub/grub.conf"))));
        assertTrue(Files.exists(root.resolve("etc/init/ttyS0.conf")));

        assertEquals(ConversionResult.Status.ROLLED_BACK, new Rollback(state).rollback("c6").status());
        assertEquals(grubConf, Files.readString(root.resolve("boot/grub/grub.conf")));
        assertFalse(Files.exists(root.resolve("etc/init/ttyS0.conf")));
    }

    @Test
    void dryRunPrintsDiffsAndWritesNothing() throws Exception {
        Path folder = Files.createTempDirectory(scratch, "dry");
        Path cfg = guest(SampleGuests.CENTOS6, folder);
        byte[] before = Files.readAllBytes(folder.resolve("disk.img"));
        ConversionResult result = new PvToHvmConverter(folder.resolve("state"), isos).convert(cfg, null, true);
        assertEquals(ConversionResult.Status.PLANNED, result.status(), result.reason());
        String diffs = String.join("", result.diffs());
        assertTrue(diffs.contains("-splashimage=(hd0)/boot/grub/splash.xpm.gz"), diffs);
        assertTrue(diffs.contains("+\troot (hd0,0)"), diffs);
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(folder.resolve("disk.img"))));
        assertFalse(Files.exists(folder.resolve("state")));
        assertEquals(List.of(), List.of(folder.toFile().list((d, n) -> n.endsWith(".hvm.cfg"))));
    }
}

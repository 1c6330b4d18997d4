package io.xzone.it.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.GuestImages;
import io.xzone.cli.lab.LabCache;
import io.xzone.convert.ConversionResult;
import io.xzone.convert.PvToHvmConverter;
import io.xzone.convert.Rollback;
import io.xzone.convert.disk.PartitionTableReader;
import io.xzone.convert.iso.GrubIsoBuilder;
import io.xzone.convert.journal.Journal;
import io.xzone.convert.testing.DiskBuilder;
import io.xzone.convert.testing.SampleGuests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each sample PV guest layout, with a real kernel and initrd, converted by xzone and booted under plain QEMU from its
 * GRUB CD: the converted disk prints the marker on ttyS0; the same disk unconverted boots (it powers off) but prints
 * nothing there. Then e2fsck is clean, and a rollback gives back every byte of the original image's files.
 */
@Tag("qemu")
class ConvertedGuestsBootTest {
    private static Path scratch;
    private static Path kernel;
    private static Path initrd;
    private static GrubIsoBuilder isos;
    private static ExecutorService qemus;

    @BeforeAll
    static void images() throws Exception {
        scratch = SampleGuests.scratch("boot");
        Path root = Path.of(System.getProperty("xzone.project.root", ".."));
        kernel = GuestImages.build(LabCache.forProject(root)).bzImage();
        initrd = MarkerInitrd.build(scratch.resolve("marker-initrd.cpio"));
        isos = new GrubIsoBuilder(Path.of("target", "grub-iso-cache").toAbsolutePath());
        // Two boots at a time: the converted and the unconverted disk of one guest (the machine has 2 cores).
        qemus = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        qemus.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(SampleGuests.class)
    void convertedBootsToTheMarkerOnTtyS0AndUnconvertedDoesNot(SampleGuests kind) throws Exception {
        Path folder = Files.createTempDirectory(scratch, kind.name());
        Path disk = kind.build(folder.resolve("disk.img"), kernel, initrd);
        Path unconverted = Files.copy(disk, folder.resolve("unconverted.img"), StandardCopyOption.COPY_ATTRIBUTES);
        Path cfg = folder.resolve("guest.cfg");
        Files.writeString(cfg, kind.xlConfig("boot-" + kind.name().toLowerCase(), disk));
        String original = Journal.sha256(Files.readAllBytes(unconverted));

        ConversionResult result = new PvToHvmConverter(folder.resolve("state"), isos).convert(cfg, null, false);
        assertEquals(ConversionResult.Status.CONVERTED, result.status(), result.reason());
        assertFsckClean(disk);
        Path cd = Path.of(Files.readString(folder.resolve("boot-" + kind.name().toLowerCase() + ".hvm.cfg"))
                .replaceAll("(?s).*devtype=cdrom,target=([^'\"]+).*", "$1"));
        assertTrue(Files.exists(cd), cd.toString());

        // Both boots start together. The unconverted one gets three times what the converted one needed (at least
        // 60 s, at most the timeout): its guest boots as far, but the marker must not reach ttyS0. Some power off by themselves; a
        // splashimage menu waits on the screen nobody sees.
        long started = System.nanoTime();
        AtomicLong plainDeadline = new AtomicLong(started + QemuSerialBoot.TIMEOUT.toNanos());
        Future<QemuSerialBoot.Result> plain = qemus.submit(() -> QemuSerialBoot.boot(unconverted, cd, MarkerInitrd.MARKER,
                plainDeadline));
        QemuSerialBoot.Result convertedBoot = qemus.submit(() -> QemuSerialBoot.boot(disk, cd, MarkerInitrd.MARKER)).get();
        assertTrue(cd.getFileName().toString().startsWith(kind == SampleGuests.CENTOS6 || kind == SampleGuests.UBUNTU1404
                ? "grub-legacy-" : "grub2-"), cd.toString());
        long took = System.nanoTime() - started;
        plainDeadline.set(started + Math.min(QemuSerialBoot.TIMEOUT.toNanos(), Math.max(TimeUnit.SECONDS.toNanos(60), 3 * took)));
        QemuSerialBoot.Result plainBoot = plain.get();
        assertTrue(convertedBoot.shows(MarkerInitrd.MARKER + " "), kind + " converted, serial:\n" + convertedBoot.serial());
        assertTrue(convertedBoot.serial().contains("console=ttyS0"), convertedBoot.serial());
        assertFalse(plainBoot.shows(MarkerInitrd.MARKER), kind + " unconverted (powered off: " + plainBoot.poweredOff()
                + "), serial:\n" + plainBoot.serial());
        assertEquals(original, Journal.sha256(Files.readAllBytes(unconverted)), "QEMU must not have written the disk");

        ConversionResult rolledBack = new Rollback(folder.resolve("state")).rollback("boot-" + kind.name().toLowerCase());
        assertEquals(ConversionResult.Status.ROLLED_BACK, rolledBack.status(), rolledBack.reason());
        assertFsckClean(disk);
        Files.delete(unconverted);
        Files.delete(disk);
    }

    private static void assertFsckClean(Path image) throws Exception {
        for (var p : new PartitionTableReader().read(image).partitions()) {
            DiskBuilder.run("", "e2fsck", "-fn", image + "?offset=" + p.startBytes());
        }
    }
}

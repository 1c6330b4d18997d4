package io.xzone.it.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.convert.disk.PartitionTableReader;
import io.xzone.convert.testing.DiskBuilder;
import io.xzone.convert.testing.SampleGuests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A bulk run over 20 guests killed with SIGKILL at 10 random moments, then run to the end: every guest is converted
 * exactly once (no edit applied twice, no staged file left), every filesystem is clean, and rolling each guest back
 * still gives its original files byte for byte (the journal kept the true originals through every kill).
 */
@Tag("qemu")
class KillDuringBulkTest {
    private static final int GUESTS = 20;
    private static final int KILLS = 10;

    @Test
    void killedTenTimesThenRerunConvertsEveryGuestOnce() throws Exception {
        Path folder = SampleGuests.scratch("kill");
        Path inventory = Files.createDirectories(folder.resolve("guests"));
        List<Path> templates = new ArrayList<>();
        for (SampleGuests kind : SampleGuests.values()) {
            templates.add(kind.build(folder.resolve(kind.name() + ".template.img"), null, null));
        }
        List<Path> images = new ArrayList<>();
        Path calibration = Files.createDirectories(folder.resolve("calibration"));
        for (int i = 0; i < GUESTS; i++) {
            SampleGuests kind = SampleGuests.values()[i % templates.size()];
            Path image = SampleGuests.copy(templates.get(i % templates.size()), folder.resolve("g" + i + ".img"));
            images.add(image);
            Files.writeString(inventory.resolve(String.format("g%02d.cfg", i)), kind.xlConfig("g" + i, image));
            Path spare = SampleGuests.copy(templates.get(i % templates.size()), calibration.resolve("c" + i + ".img"));
            Files.writeString(calibration.resolve(String.format("c%02d.cfg", i)), kind.xlConfig("c" + i, spare));
        }
        Path state = folder.resolve("state");
        Path isoCache = Path.of("target", "grub-iso-cache").toAbsolutePath();

        // How long a whole run takes here and now (on identical spare guests), so the kills land inside runs.
        long started = System.nanoTime();
        Process whole = bulk(calibration, folder.resolve("calibration-state"), isoCache);
        assertTrue(whole.waitFor(10, TimeUnit.MINUTES));
        long fullRunMillis = (System.nanoTime() - started) / 1_000_000;

        Random random = new Random(Long.getLong("xzone.kill.seed", System.nanoTime()));
        int killedWhileRunning = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            // Each kill lets at most a tenth of a whole run go by: guests finished by earlier runs make later runs
            // shorter, and on an idle machine wider windows let most runs finish before their kill.
            long delay = 300 + (long) (random.nextDouble() * fullRunMillis / KILLS);
            Process run = bulk(inventory, state, isoCache);
            if (!run.waitFor(delay, TimeUnit.MILLISECONDS)) {
                run.destroyForcibly().waitFor(); // SIGKILL
                killedWhileRunning++;
            }
        }
        Process last = bulk(inventory, state, isoCache);
        assertTrue(last.waitFor(10, TimeUnit.MINUTES), "the final run did not finish");
        String output = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, last.exitValue(), output);
        String summary = output.lines().filter(line -> line.startsWith(GUESTS + " guests:")).findFirst().orElse("");
        assertFalse(summary.isEmpty() || summary.contains("failed"), output);
        assertTrue(killedWhileRunning >= KILLS / 2, "only " + killedWhileRunning + " runs were still running when killed");
        System.out.println("kill -9 test: " + killedWhileRunning + " of " + KILLS + " runs killed while running; last run: "
                + summary);

        for (int i = 0; i < GUESTS; i++) {
            SampleGuests kind = SampleGuests.values()[i % templates.size()];
            Path image = images.get(i);
            assertFsckClean(image);
            assertConvertedOnce(kind, image);
            Process rollback = xzone("convert", "rollback", "--state", state.toString(), "g" + i);
            assertTrue(rollback.waitFor(2, TimeUnit.MINUTES));
            assertEquals(0, rollback.exitValue(), new String(rollback.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(files(templates.get(i % templates.size())), files(image), "g" + i + " after rollback");
            assertFsckClean(image);
        }
    }

    private static Process bulk(Path inventory, Path state, Path isoCache) throws Exception {
        return xzone("convert", "bulk", "-j", "2", "--state", state.toString(), "--iso-cache", isoCache.toString(),
                inventory.toString());
    }

    /** The real command, as an operator runs it: the shaded jar in its own JVM, so SIGKILL hits the whole of it. */
    static Process xzone(String... args) throws Exception {
        Path jar = Path.of(System.getProperty("xzone.project.root", ".."), "toolstack", "target", "xzone.jar");
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        argv.addAll(List.of(args));
        return new ProcessBuilder(argv).redirectErrorStream(true).start();
    }

    /** Each edited file holds its edit exactly once, and no staged file is left over. */
    private static void assertConvertedOnce(SampleGuests kind, Path image) throws Exception {
        switch (kind) {
            case CENTOS6 -> {
                String grub = cat(image, 1, "/boot/grub/grub.conf");
                assertEquals(1, count(grub, "console=ttyS0"), grub);
                assertFalse(grub.contains("splashimage") || grub.contains("hvc0") || grub.contains("(hd0)"), grub);
                assertEquals(1, count(cat(image, 1, "/etc/securetty"), "ttyS0"));
                assertTrue(cat(image, 1, "/etc/init/ttyS0.conf").contains("/dev/ttyS0"));
            }
            case DEBIAN7 -> {
                assertEquals(1, count(cat(image, 1, "/boot/grub/menu.lst"), "console=ttyS0"));
                assertEquals(1, count(cat(image, 1, "/etc/inittab"), "ttyS0"));
            }
            case UBUNTU1404 -> {
                assertEquals(1, count(cat(image, 1, "/grub/menu.lst"), "console=ttyS0"));
                assertTrue(cat(image, 2, "/etc/init/ttyS0.conf").contains("getty -8 38400 ttyS0"));
                assertEquals(1, count(cat(image, 2, "/etc/securetty"), "ttyS0"));
            }
            case GRUB2 -> {
                assertEquals(1, count(cat(image, 1, "/boot/grub/grub.cfg"), "console=ttyS0"));
                String grub = cat(image, 1, "/etc/default/grub");
                assertEquals(1, count(grub, "GRUB_TERMINAL=\"serial console\""), grub);
                assertEquals(1, count(grub, "GRUB_SERIAL_COMMAND"), grub);
            }
        }
        for (var p : new PartitionTableReader().read(image).partitions()) {
            String listing = DiskBuilder.run("", "debugfs", "-R", "ls -l /etc /boot/grub /grub /etc/init",
                    image + "?offset=" + p.startBytes());
            assertFalse(listing.contains(".xzone-new"), image + " has a staged file left:\n" + listing);
        }
    }

    private static String cat(Path image, int partition, String path) throws Exception {
        long offset = new PartitionTableReader().read(image).partition(partition).orElseThrow().startBytes();
        return DiskBuilder.run("", "debugfs", "-R", "cat " + path, image + "?offset=" + offset);
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    /** Every file of every partition with its mode and owner (rdump, then ls -l). */
    static String files(Path image) throws Exception {
        StringBuilder all = new StringBuilder();
        for (var p : new PartitionTableReader().read(image).partitions()) {
            for (String folder : List.of("/etc", "/etc/init", "/etc/default", "/boot/grub", "/grub",
                    "/etc/systemd/system/getty.target.wants")) {
                String listing = DiskBuilder.run("", "debugfs", "-R", "ls -l " + folder, image + "?offset=" + p.startBytes());
                for (String line : listing.lines().toList()) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length >= 9 && !f[8].equals(".") && !f[8].equals("..")) {
                        String path = folder + "/" + f[8];
                        // mode, uid, gid, size, name; then the bytes (inode numbers and times may differ).
                        all.append(p.number()).append(' ').append(f[1]).append(' ').append(f[3]).append(' ')
                                .append(f[4]).append(' ').append(f[5]).append(' ').append(path).append('\n');
                        if (f[1].startsWith("10")) {
                            all.append(DiskBuilder.run("", "debugfs", "-R", "cat " + path, image + "?offset=" + p.startBytes()));
                        }
                    }
                }
            }
        }
        return all.toString();
    }

    private static void assertFsckClean(Path image) throws Exception {
        for (var p : new PartitionTableReader().read(image).partitions()) {
            DiskBuilder.run("", "e2fsck", "-fn", image + "?offset=" + p.startBytes());
        }
    }
}

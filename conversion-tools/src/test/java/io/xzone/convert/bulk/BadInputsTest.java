package io.xzone.convert.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.convert.ConversionResult;
import io.xzone.convert.PvToHvmConverter;
import io.xzone.convert.iso.GrubIsoBuilder;
import io.xzone.convert.journal.Journal;
import io.xzone.convert.testing.DiskBuilder;
import io.xzone.convert.testing.GuestFiles;
import io.xzone.convert.testing.SampleGuests;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One bulk run over good guests and twenty bad ones: every bad guest is failed with its own clear reason, its image is
 * byte for byte as before, it gets no journal and no HVM config, and the good guests are converted all the same.
 */
class BadInputsTest {
    private final Map<String, String> expectedReasons = new LinkedHashMap<>();
    private final List<Path> configs = new ArrayList<>();
    private Path folder;

    private Path cfg(String name, String body) throws Exception {
        Path cfg = folder.resolve(name + ".cfg");
        Files.writeString(cfg, body.startsWith("name") || body.startsWith("#") ? body : "name = '" + name + "'\n" + body);
        configs.add(cfg);
        return cfg;
    }

    private void bad(String name, String body, String reason) throws Exception {
        cfg(name, body);
        expectedReasons.put(name, reason);
    }

    private Path image(String name) {
        return folder.resolve(name + ".img");
    }

    private String disk(String name) {
        return "disk = [ 'file:" + image(name) + ",xvda,w' ]\n";
    }

    private static Path sized(Path image, long bytes) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return image;
    }

    @Test
    void everyBadGuestIsNamedWithItsReasonAndNothingElseIsTouched() throws Exception {
        folder = SampleGuests.scratch("bad-inputs");
        SampleGuests.DEBIAN7.build(image("good1"), null, null);
        cfg("good1", disk("good1"));
        SampleGuests.GRUB2.build(image("good2"), null, null);
        cfg("good2", disk("good2"));

        Files.createDirectories(folder.resolve("folder.cfg"));
        configs.add(folder.resolve("folder.cfg"));
        expectedReasons.put("folder", "folder.cfg: is a directory, not an xl.cfg file");
        configs.add(folder.resolve("missing.cfg"));
        expectedReasons.put("missing", "missing.cfg: cannot read: no such file");
        Files.write(folder.resolve("binary.cfg"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        configs.add(folder.resolve("binary.cfg"));
        expectedReasons.put("binary", "binary.cfg: cannot read: not a UTF-8 text file");
        bad("syntax", "memory = 512\ndisk = [ 'file:/x.img,xvda,w'\n", "syntax.cfg:3: list not closed (missing ']')");
        bad("unknown-syntax", "disk = [ 'iscsi:iqn.2001-04.com.example:disk,xvda,w' ]\n",
                "unknown-syntax.cfg:2: unknown disk syntax: target prefix 'iscsi:'");
        bad("qcow", "disk = [ 'tap:qcow2:/srv/q.qcow2,xvda,w' ]\n",
                "qcow.cfg:2: disk format qcow2 is not supported: convert it to raw first");
        bad("no-disk", "memory = 256\n", "no-disk.cfg: no disk to convert");
        bad("partition-disk", "disk = [ 'phy:/dev/vg0/root,xvda1,w' ]\n", "partition-disk.cfg:2: the first disk "
                + "'phy:/dev/vg0/root,xvda1,w' is the partition xvda1, a bare filesystem");
        bad("already-hvm", "type = 'hvm'\n" + disk("hvm"), "already-hvm.cfg:2: the guest is already hvm, not PV");
        bad("missing-image", disk("nowhere"), "missing-image.cfg:2: image " + image("nowhere") + " does not exist");
        Files.createDirectories(image("a-folder"));
        bad("image-folder", disk("a-folder"), "image-folder.cfg:2: image " + image("a-folder") + " is a folder");
        sized(image("empty"), 0);
        bad("empty", disk("empty"), image("empty") + ": no partition table: the image is only 0 bytes");
        sized(image("bare"), 8 << 20);
        DiskBuilder.run("", "mke2fs", "-q", "-t", "ext4", image("bare").toString());
        bad("bare", disk("bare"), image("bare") + ": no partition table (no MBR signature in sector 0): the image is a "
                + "bare filesystem, not a partitioned disk");
        DiskBuilder.mbr().partition(null, 8, null).build(image("not-ext"));
        bad("not-ext", disk("not-ext"), image("not-ext") + ": partition 1 (type 83) is not an ext2/3/4 filesystem");
        DiskBuilder.mbr().partition("ext4", 8, new GuestFiles().file("/etc/debian_version", "8.11\n"))
                .build(image("no-grub"));
        bad("no-grub", disk("no-grub"), "partition 1 (ext4) of no-grub.img: no bootloader configuration found");
        DiskBuilder.mbr().partition("ext4", 8, new GuestFiles().file("/boot/grub/menu.lst", "title x\n"))
                .build(image("no-root"));
        bad("no-root", disk("no-root"), image("no-root") + ": no root filesystem found");
        SampleGuests.CENTOS6.build(image("read-only"), null, null);
        Files.setPosixFilePermissions(image("read-only"), PosixFilePermissions.fromString("r--r--r--"));
        bad("read-only", disk("read-only"), "read-only.cfg:2: image " + image("read-only") + " is read-only (r--r--r--)");
        DiskBuilder.gpt().partition("ext4", 8, new GuestFiles().file("/x", "y")).build(image("bad-gpt"));
        try (RandomAccessFile f = new RandomAccessFile(image("bad-gpt").toFile(), "rw")) {
            f.seek(512 + 40);
            f.write(0x7f);
        }
        bad("bad-gpt", disk("bad-gpt"), image("bad-gpt") + ": the GPT header checksum is wrong");
        SampleGuests.DEBIAN7.build(image("truncated"), null, null);
        sized(image("truncated"), 5 << 20);
        bad("truncated", disk("truncated"), image("truncated") + ": partition 1 ends at byte");
        fullGuest();
        bad("dup-name", "name = 'good1'\n" + disk("good2"), "dup-name.cfg: guest name 'good1' is also used by");
        bad("shared-image", disk("good2"), "shared-image.cfg: disk image " + image("good2") + " is also used by");

        Map<Path, String> checksums = new HashMap<>();
        for (String name : expectedReasons.keySet()) {
            if (Files.isRegularFile(image(name))) {
                checksums.put(image(name), Journal.sha256(Files.readAllBytes(image(name))));
            }
        }
        Path state = folder.resolve("state");
        PvToHvmConverter converter = new PvToHvmConverter(state,
                new GrubIsoBuilder(Path.of("target", "grub-iso-cache").toAbsolutePath()));
        List<ConversionResult> results = new BulkConverter(converter, 2).run(configs, false, r -> { });
        BulkReport report = new BulkReport(results);

        assertTrue(expectedReasons.size() >= 15, "at least 15 bad inputs");
        assertEquals(2, report.count(ConversionResult.Status.CONVERTED), report.text());
        assertEquals(expectedReasons.size(), report.count(ConversionResult.Status.FAILED), report.text());
        for (ConversionResult r : results) {
            String name = r.config().getFileName().toString().replaceFirst("\\.cfg$", "");
            if (!expectedReasons.containsKey(name)) {
                continue;
            }
            String expected = expectedReasons.get(name);
            assertTrue(r.reason().contains(expected), name + ": " + r.reason() + "\n   expected: " + expected);
            assertEquals(1, r.reason().lines().count(), r.reason());
            assertFalse(Files.exists(folder.resolve(r.guest() + ".hvm.cfg")) && !r.guest().startsWith("good"), name);
            assertTrue(report.json().contains(r.reason().replace("\\", "\\\\").replace("\"", "\\\"")), name);
            assertTrue(report.text().contains(r.reason()), name);
        }
        for (Map.Entry<Path, String> e : checksums.entrySet()) {
            assertEquals(e.getValue(), Journal.sha256(Files.readAllBytes(e.getKey())), e.getKey() + " was changed");
        }
        for (String name : expectedReasons.keySet()) {
            if (!name.equals("dup-name")) {
                assertFalse(Files.exists(state.resolve("journal").resolve(name).resolve("journal.log")), name + " journaled");
            }
        }
        assertTrue(Files.exists(folder.resolve("good1.hvm.cfg")) && Files.exists(folder.resolve("good2.hvm.cfg")));
    }

    /** A CentOS 6 guest whose partition 1 has not one free block left: the edit cannot be staged. */
    private void fullGuest() throws Exception {
        Path image = SampleGuests.CENTOS6.build(image("full"), null, null);
        long offset = 1 << 20;
        String header = DiskBuilder.run("", "dumpe2fs", "-h", image + "?offset=" + offset);
        long free = Long.parseLong(header.replaceAll("(?s).*\\nFree blocks:\\s+(\\d+).*", "$1"));
        long blockSize = Long.parseLong(header.replaceAll("(?s).*\\nBlock size:\\s+(\\d+).*", "$1"));
        Path filler = folder.resolve("filler");
        byte[] random = new byte[(int) ((free + 64) * blockSize)];
        new java.util.Random(1).nextBytes(random);
        Files.write(filler, random);
        DiskBuilder.run("", "debugfs", "-w", "-R", "write " + filler + " /filler", image + "?offset=" + offset);
        Files.delete(filler);
        bad("full", disk("full"), "the filesystem is full");
    }
}

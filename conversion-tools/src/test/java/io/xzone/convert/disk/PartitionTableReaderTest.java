package io.xzone.convert.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.convert.testing.DiskBuilder;
import io.xzone.convert.testing.GuestFiles;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables written by sfdisk, read back in Java. */
class PartitionTableReaderTest {
    @TempDir
    Path dir;

    private Path sfdisk(String script, long mib) throws Exception {
        Path image = dir.resolve("disk.img");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(mib << 20);
        }
        DiskBuilder.run(script, "sfdisk", "-q", image.toString());
        return image;
    }

    @Test
    void mbrWithPrimaryAndLogicalPartitions() throws Exception {
        Path image = sfdisk("label: dos\nstart=2048, size=4096, type=83, bootable\nstart=6144, size=8192, type=5\n"
                + "start=8192, size=2048, type=82\nstart=12288, size=2048, type=83\n", 8);
        PartitionTable table = new PartitionTableReader().read(image);
        assertEquals(PartitionTable.Scheme.MBR, table.scheme());
        assertEquals(new Partition(1, 2048L * 512, 4096L * 512, "83"), table.partition(1).orElseThrow());
        assertEquals(new Partition(5, 8192L * 512, 2048L * 512, "82"), table.partition(5).orElseThrow());
        assertEquals(new Partition(6, 12288L * 512, 2048L * 512, "83"), table.partition(6).orElseThrow());
    }

    @Test
    void gptPartitions() throws Exception {
        Path image = sfdisk("label: gpt\nstart=2048, size=4096, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4\n"
                + "start=6144, size=2048, type=0657FD6D-A4AB-43C4-84E5-0933C84B4F4F\n", 8);
        PartitionTable table = new PartitionTableReader().read(image);
        assertEquals(PartitionTable.Scheme.GPT, table.scheme());
        assertEquals(new Partition(1, 2048L * 512, 4096L * 512, "0FC63DAF-8483-4772-8E79-3D69D8477DE4"),
                table.partition(1).orElseThrow());
        assertEquals("0657FD6D-A4AB-43C4-84E5-0933C84B4F4F", table.partition(2).orElseThrow().type());
    }

    @Test
    void aDamagedGptHeaderIsRefused() throws Exception {
        Path image = sfdisk("label: gpt\nstart=2048, size=4096\n", 8);
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.seek(512 + 40);
            f.write(0x7f);
        }
        String message = assertThrows(DiskImageException.class, () -> new PartitionTableReader().read(image)).getMessage();
        assertEquals("the GPT header checksum is wrong (damaged partition table)", message);
    }

    @Test
    void aBareFilesystemIsNamedAsSuch() throws Exception {
        Path image = dir.resolve("fs.img");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(4 << 20);
        }
        DiskBuilder.run("", "mke2fs", "-q", "-t", "ext4", image.toString());
        String message = assertThrows(DiskImageException.class, () -> new PartitionTableReader().read(image)).getMessage();
        assertTrue(message.endsWith("the image is a bare filesystem, not a partitioned disk"), message);
    }

    @Test
    void aTruncatedImageIsRefused() throws Exception {
        Path image = DiskBuilder.mbr().partition("ext4", 8, new GuestFiles().file("/x", "y")).build(dir.resolve("t.img"));
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(4 << 20);
        }
        String message = assertThrows(DiskImageException.class, () -> new PartitionTableReader().read(image)).getMessage();
        assertTrue(message.startsWith("partition 1 ends at byte 9437184, past the end of the image (4194304 bytes)"), message);
        Files.delete(image);
    }
}

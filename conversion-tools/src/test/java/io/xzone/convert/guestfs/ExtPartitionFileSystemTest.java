package io.xzone.convert.guestfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.convert.testing.DiskBuilder;
import io.xzone.convert.testing.GuestFiles;
import io.xzone.convert.testing.SampleGuests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** debugfs-backed reads and writes on a real ext4 image, including the failure debugfs itself does not report. */
class ExtPartitionFileSystemTest {
    private static final long OFFSET = 1 << 20;

    /** A tree with an empty cache, so what it reports comes from the image. */
    private static GuestTree tree(Debugfs debugfs, Path scratch) {
        return new GuestTree(new ExtPartitionFileSystem(debugfs, OFFSET, "partition 1", scratch), "/");
    }

    @Test
    void readsThroughLongAndShortSymlinksAndKeepsModeAndOwner() throws Exception {
        Path scratch = SampleGuests.scratch("extfs");
        String longTarget = "/boot/grub/" + "deep/".repeat(15) + "grub.conf";
        Path image = DiskBuilder.mbr().partition("ext4", 8, new GuestFiles()
                .file(longTarget, "long\n", 0600).symlink("/boot/grub/menu.lst", longTarget)
                .symlink("/etc", "boot/grub/" + "deep/".repeat(15).replaceAll("/$", ""))).build(scratch.resolve("d.img"));
        try (Debugfs debugfs = new Debugfs(image)) {
            GuestTree tree = tree(debugfs, scratch);
            assertEquals(longTarget, tree.resolve("/boot/grub/menu.lst"));
            assertEquals(longTarget, tree.resolve("/etc/grub.conf"));
            FileState.Regular file = tree.regularFile("/boot/grub/menu.lst").orElseThrow();
            assertEquals(0600, file.mode());

            FileState.Regular edited = new FileState.Regular("edited\n".getBytes(StandardCharsets.UTF_8), 0640, 7, 8);
            tree.apply(List.of(new GuestFileSystem.Change(longTarget, file, edited)));
            assertEquals(edited, tree.regularFile("/etc/grub.conf").orElseThrow());
            assertEquals(edited, tree(debugfs, scratch).regularFile("/etc/grub.conf").orElseThrow());
        }
        DiskBuilder.run("", "e2fsck", "-fn", image + "?offset=" + OFFSET);
    }

    @Test
    void aFullFilesystemFailsTheStagingAndKeepsTheOriginal() throws Exception {
        Path scratch = SampleGuests.scratch("extfull");
        Path image = DiskBuilder.mbr().partition("ext2", 4, new GuestFiles().file("/etc/inittab", "getty hvc0\n"))
                .build(scratch.resolve("d.img"));
        Path filler = scratch.resolve("filler");
        byte[] random = new byte[5 << 20];
        new java.util.Random(2).nextBytes(random);
        Files.write(filler, random);
        DiskBuilder.run("", "debugfs", "-w", "-R", "write " + filler + " /filler", image + "?offset=" + OFFSET);
        try (Debugfs debugfs = new Debugfs(image)) {
            GuestTree tree = tree(debugfs, scratch);
            FileState.Regular original = tree.regularFile("/etc/inittab").orElseThrow();
            FileState.Regular bigger = original.withContent("getty ttyS0 and a longer line, taking a block\n".repeat(40)
                    .getBytes(StandardCharsets.UTF_8));
            String message = assertThrows(GuestFsException.class, () -> tree.apply(List.of(
                    new GuestFileSystem.Change("/etc/inittab", original, bigger)))).getMessage();
            assertTrue(message.startsWith("cannot write /etc/inittab in partition 1: the filesystem is full"), message);
            assertEquals(original, tree(debugfs, scratch).regularFile("/etc/inittab").orElseThrow());
            assertTrue(tree(debugfs, scratch).node("/etc/.inittab.xzone-new").isEmpty(), "the staged file is removed");
            assertThrows(GuestFsException.class, () -> tree.fs().checkRoom(List.of(
                    new GuestFileSystem.Change("/etc/inittab", original, bigger))));
        }
        DiskBuilder.run("", "e2fsck", "-fn", image + "?offset=" + OFFSET);
    }
}

package io.xzone.convert.guestfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.convert.testing.DiskBuilder;
import io.xzone.convert.testing.GuestFiles;
import io.xzone.convert.testing.SampleGuests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One debugfs process serving batches on two partitions of a real image, and what it does when things go wrong. */
class DebugfsTest {
    private static final long FIRST = 1 << 20;
    private static final long SECOND = 9 << 20;

    private static Path twoPartitions(String name) throws Exception {
        return DiskBuilder.mbr().partition("ext2", 8, new GuestFiles().file("/grub/menu.lst", "kernel console=hvc0\n"))
                .partition("ext4", 8, new GuestFiles().file("/etc/inittab", "getty hvc0\n"))
                .build(SampleGuests.scratch(name).resolve("d.img"));
    }

    @Test
    void oneProcessReadsAndWritesBothPartitionsAndAWriteIsOnTheImageWhenItReturns() throws Exception {
        Path image = twoPartitions("debugfs");
        Path local = Files.writeString(image.resolveSibling("new"), "getty ttyS0\n");
        try (Debugfs debugfs = new Debugfs(image)) {
            assertTrue(debugfs.run(FIRST, false, List.of("ls -l /grub")).section(0).contains("menu.lst"));
            assertTrue(debugfs.run(SECOND, false, List.of("ls -l /etc")).section(0).contains("inittab"));
            Debugfs.Output written = debugfs.runGroups(SECOND, true, List.of(
                    List.of("write " + local + " /etc/ttyS0"), List.of("ls -l /etc")));
            assertTrue(written.section(1).contains("ttyS0"), written.sections().toString());
            // Another reader (no lock) sees it at once: the write batch closed the filesystem.
            String other = DiskBuilder.run("", "debugfs", "-R", "cat /etc/ttyS0", image + "?offset=" + SECOND);
            assertTrue(other.endsWith("\ngetty ttyS0\n"), other);
            assertTrue(debugfs.run(FIRST, false, List.of("ls -l /grub")).section(0).contains("menu.lst"));
        }
        DiskBuilder.run("", "e2fsck", "-fn", image + "?offset=" + SECOND);
    }

    @Test
    void aBatchLongerThanOnePipeWriteKeepsEveryRequestsOutputInOrder() throws Exception {
        Path image = twoPartitions("debugfs-long");
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            requests.add(i % 2 == 0 ? "ls -l /grub" : "stat /grub/menu.lst");
        }
        try (Debugfs debugfs = new Debugfs(image)) {
            Debugfs.Output output = debugfs.run(FIRST, false, requests);
            assertTrue(String.join("\n", requests).length() > Debugfs.PIPE_BUF);
            for (int i = 0; i < requests.size(); i++) {
                assertTrue(output.section(i).contains(i % 2 == 0 ? "menu.lst" : "Type: regular"), i + ": " + output.section(i));
            }
            assertThrows(IllegalArgumentException.class, () -> debugfs.runGroups(FIRST, true,
                    List.of(Collections.nCopies(400, "sif /grub/menu.lst uid 0"))), "a group that no pipe write holds");
        }
    }

    @Test
    void whatIsNotAnExtFilesystemIsOneClearError() throws Exception {
        Path image = twoPartitions("debugfs-bad");
        try (Debugfs debugfs = new Debugfs(image)) {
            String message = assertThrows(GuestFsException.class, () -> debugfs.run(0, false, List.of("ls -l /")))
                    .getMessage();
            assertTrue(message.startsWith("cannot open the filesystem: Bad magic number in super-block"), message);
        }
    }

    @Test
    void errorsAreCollectedFromTheOutput() throws Exception {
        Path image = twoPartitions("debugfs-errors");
        try (Debugfs debugfs = new Debugfs(image)) {
            Debugfs.Output output = debugfs.run(FIRST, false, List.of("rm /grub/menu.lst", "ls -l /grub"));
            assertEquals(List.of("rm: Filesystem opened read/only"), output.errors());
        }
    }
}

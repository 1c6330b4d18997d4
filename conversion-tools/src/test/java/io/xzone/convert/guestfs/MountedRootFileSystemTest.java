package io.xzone.convert.guestfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mounted guest root whose symlinks point out of it: every one is resolved inside the guest, never on the host. */
class MountedRootFileSystemTest {
    @TempDir
    Path dir;

    @Test
    void linksThatPointOutOfTheRootAreResolvedInsideIt() throws Exception {
        Path host = Files.createDirectories(dir.resolve("host/etc"));
        Files.writeString(host.resolve("inittab"), "host file: never touch\n");
        Path root = Files.createDirectories(dir.resolve("guest"));
        Files.createDirectories(root.resolve("real-etc"));
        Files.writeString(root.resolve("real-etc/inittab"), "guest inittab hvc0\n");
        // Absolute and relative links that, followed on the host, would reach dir/host/etc.
        Files.createSymbolicLink(root.resolve("etc"), Path.of("/real-etc"));
        Files.createSymbolicLink(root.resolve("up"), Path.of("../host/etc"));

        GuestTree tree = new GuestTree(new MountedRootFileSystem(root), "/");
        assertEquals("/real-etc/inittab", tree.resolve("/etc/inittab"));
        assertEquals("guest inittab hvc0\n", new String(tree.regularFile("/etc/inittab").orElseThrow().content(),
                StandardCharsets.UTF_8));
        // ".." stops at the guest's root: the link means the guest's own /host/etc, which does not exist.
        assertEquals("/host/etc", tree.resolve("/up"));
        assertTrue(tree.regularFile("/up/inittab").isEmpty());

        FileState.Regular edited = new FileState.Regular("guest inittab ttyS0\n".getBytes(StandardCharsets.UTF_8), 0600, 0, 0);
        tree.apply(List.of(new GuestFileSystem.Change("/real-etc/inittab",
                tree.regularFile("/real-etc/inittab").orElseThrow(), edited)));
        assertEquals("guest inittab ttyS0\n", Files.readString(root.resolve("real-etc/inittab")));
        assertEquals("host file: never touch\n", Files.readString(host.resolve("inittab")));
    }

    @Test
    void aPathBelowASymlinkIsNotLookedUpThroughTheHost() throws Exception {
        Path root = Files.createDirectories(dir.resolve("guest2"));
        Files.createDirectories(dir.resolve("outside"));
        Files.writeString(dir.resolve("outside/secret"), "x");
        Files.createSymbolicLink(root.resolve("etc"), dir.resolve("outside"));
        MountedRootFileSystem fs = new MountedRootFileSystem(root);
        assertTrue(fs.lookup(List.of("/etc/secret")).isEmpty());
        assertEquals(Node.Type.SYMLINK, fs.lookup(List.of("/etc")).get("/etc").type());
    }
}

package io.xzone.cli.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpioArchiveTest {
    @TempDir
    Path dir;

    /** One entry read back: its mode, device numbers and data. */
    private record Entry(int mode, int rdevMajor, int rdevMinor, byte[] data) {
    }

    /** Reads a newc archive the way the kernel does: 110-byte ASCII header, name, data, each padded to 4 bytes. */
    private static Map<String, Entry> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Map<String, Entry> entries = new LinkedHashMap<>();
        int at = 0;
        while (true) {
            String header = new String(bytes, at, 110, StandardCharsets.US_ASCII);
            assertEquals("070701", header.substring(0, 6));
            int[] f = new int[13];
            for (int i = 0; i < 13; i++) {
                f[i] = Integer.parseUnsignedInt(header.substring(6 + 8 * i, 14 + 8 * i), 16);
            }
            String name = new String(bytes, at + 110, f[11] - 1, StandardCharsets.UTF_8);
            at = align(at + 110 + f[11]);
            byte[] data = Arrays.copyOfRange(bytes, at, at + f[6]);
            at = align(at + f[6]);
            if (name.equals("TRAILER!!!")) {
                assertEquals(bytes.length, at);
                return entries;
            }
            entries.put(name, new Entry(f[1], f[9], f[10], data));
        }
    }

    private static int align(int n) {
        return (n + 3) & ~3;
    }

    @Test
    void writesFilesLinksDevicesAndTheirParentFolders() throws IOException {
        Path archive = dir.resolve("a.cpio");
        try (CpioArchive cpio = new CpioArchive(archive)) {
            cpio.characterDevice("dev/console", 5, 1);
            cpio.file("usr/bin/hello", "echo hi\n".getBytes(StandardCharsets.UTF_8), 0755);
            cpio.symlink("bin", "usr/bin");
            cpio.file("usr/bin/hello", new byte[] {1}, 0644); // a second add of the same path is ignored
        }
        Map<String, Entry> entries = read(archive);
        assertEquals(java.util.List.of("dev", "dev/console", "usr", "usr/bin", "usr/bin/hello", "bin"),
                java.util.List.copyOf(entries.keySet()));
        assertEquals(0020600, entries.get("dev/console").mode());
        assertEquals(5, entries.get("dev/console").rdevMajor());
        assertEquals(1, entries.get("dev/console").rdevMinor());
        assertEquals(0040755, entries.get("usr").mode());
        assertEquals(0100755, entries.get("usr/bin/hello").mode());
        assertArrayEquals("echo hi\n".getBytes(StandardCharsets.UTF_8), entries.get("usr/bin/hello").data());
        assertEquals(0120777, entries.get("bin").mode());
        assertEquals("usr/bin", new String(entries.get("bin").data(), StandardCharsets.UTF_8));
    }

    @Test
    void copiesHostTreesKeepingSymlinksAndFollowingTheirTargets() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree/lib"));
        Files.writeString(tree.resolve("libx.so.1.2"), "elf");
        Files.createSymbolicLink(tree.resolve("libx.so.1"), Path.of("libx.so.1.2"));
        Path archive = dir.resolve("b.cpio");
        try (CpioArchive cpio = new CpioArchive(archive)) {
            cpio.copyFromHost(tree.resolve("libx.so.1"));
        }
        Map<String, Entry> entries = read(archive);
        String base = CpioArchive.archivePath(tree.toRealPath());
        assertEquals("libx.so.1.2", new String(entries.get(base + "/libx.so.1").data(), StandardCharsets.UTF_8));
        assertEquals("elf", new String(entries.get(base + "/libx.so.1.2").data(), StandardCharsets.UTF_8));
        assertTrue((entries.get(base + "/libx.so.1.2").mode() & 0100000) != 0);
    }
}

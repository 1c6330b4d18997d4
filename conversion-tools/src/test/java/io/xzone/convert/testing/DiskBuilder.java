package io.xzone.convert.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds test guest disks the way the conversion facts describe, without mounting anything: sfdisk writes an MBR or
 * GPT table, {@code mke2fs -d FOLDER -E offset=...} builds each ext filesystem from a folder in place.
 */
public final class DiskBuilder {
    private static final long MIB = 1024 * 1024;
    private static final String LINUX_GPT_TYPE = "0FC63DAF-8483-4772-8E79-3D69D8477DE4";

    private final boolean gpt;
    private final List<Part> parts = new ArrayList<>();

    private record Part(String fsType, long sizeMib, GuestFiles files) {
    }

    private DiskBuilder(boolean gpt) {
        this.gpt = gpt;
    }

    public static DiskBuilder mbr() {
        return new DiskBuilder(false);
    }

    public static DiskBuilder gpt() {
        return new DiskBuilder(true);
    }

    /** A partition with an ext2/ext3/ext4 filesystem holding {@code files} ({@code fsType} null: left empty). */
    public DiskBuilder partition(String fsType, long sizeMib, GuestFiles files) {
        parts.add(new Part(fsType, sizeMib, files));
        return this;
    }

    public Path build(Path image) throws IOException, InterruptedException {
        long total = 1 + parts.stream().mapToLong(Part::sizeMib).sum() + (gpt ? 1 : 0);
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(total * MIB);
        }
        StringBuilder script = new StringBuilder(gpt ? "label: gpt\n" : "label: dos\n");
        long start = 1;
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            script.append("start=").append(start * 2048).append(", size=").append(p.sizeMib() * 2048).append(", type=")
                    .append(gpt ? LINUX_GPT_TYPE : "83").append(i == 0 && !gpt ? ", bootable" : "").append('\n');
            start += p.sizeMib();
        }
        run(script.toString(), "sfdisk", "-q", image.toString());
        start = 1;
        for (Part p : parts) {
            if (p.fsType() != null) {
                Path tree = Files.createTempDirectory(image.getParent(), "tree");
                p.files().writeTo(tree);
                run("", "mke2fs", "-q", "-F", "-t", p.fsType(), "-E", "offset=" + start * MIB + ",nodiscard", "-d",
                        tree.toString(), image.toString(), String.valueOf(p.sizeMib() * 1024) + "k");
                deleteTree(tree);
            }
            start += p.sizeMib();
        }
        return image;
    }

    /** Runs a tool, failing the test with its output when it fails. */
    public static String run(String input, String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + output);
        }
        return output;
    }

    static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

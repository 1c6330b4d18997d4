package io.xzone.xen;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Kernels and ramdisks kept in memory from one domain build to the next. xc_dom_kernel_file maps the file afresh for
 * every build, and on a PV dom0 each first touch of a mapped page is a fault that Xen bounces to dom0's kernel: ~0.1 s
 * for a 62 MB vmlinux in the lab, and about as long again to unmap it, however warm the page cache is (measured with a
 * C program in the lab's dom0: first touch 80-110 ms, second touch 2 ms, munmap 70-120 ms). A copy in this process's
 * memory, handed over with xc_dom_kernel_mem / xc_dom_module_mem as libxl hands over a kernel its bootloader read, is
 * touched once per file and never unmapped while kept. A file whose size, modification time or inode changed is read
 * again; beyond {@link #BUDGET} bytes the least recently used ones are dropped.
 */
final class LoadedImageFiles {
    /** Enough for a few kernels and their initrds; a long-running daemon holds no more than this. */
    static final long BUDGET = 512L * 1024 * 1024;

    /** One file's bytes in native memory; {@code memory} is at least one byte, {@code size} is the file's. */
    record Blob(Memory memory, long size) {
    }

    private record Stamp(long size, FileTime modified, Object fileKey) {
    }

    private record Loaded(Stamp stamp, Blob blob) {
    }

    private final long budget;
    /** In access order, least recently used first. */
    private final Map<Path, Loaded> files = new LinkedHashMap<>(16, 0.75f, true);
    private long held;

    LoadedImageFiles(long budget) {
        this.budget = budget;
    }

    /** The file's current contents, read now unless kept from an earlier build and unchanged since. */
    synchronized Blob get(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        Stamp stamp = stamp(key);
        Loaded kept = files.get(key);
        if (kept != null && kept.stamp().equals(stamp)) {
            return kept.blob();
        }
        if (kept != null) {
            files.remove(key);
            held -= kept.blob().size();
        }
        Blob blob = read(key, stamp.size());
        files.put(key, new Loaded(stamp, blob));
        held += blob.size();
        dropBeyondBudget(key);
        return blob;
    }

    /** Files kept now. */
    synchronized int count() {
        return files.size();
    }

    private void dropBeyondBudget(Path newest) {
        Iterator<Map.Entry<Path, Loaded>> oldestFirst = files.entrySet().iterator();
        while (held > budget && oldestFirst.hasNext()) {
            Map.Entry<Path, Loaded> entry = oldestFirst.next();
            if (!entry.getKey().equals(newest)) {
                held -= entry.getValue().blob().size();
                oldestFirst.remove();
            }
        }
    }

    private static Stamp stamp(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new NoSuchFileException(file.toString(), null, "not a regular file");
        }
        return new Stamp(attributes.size(), attributes.lastModifiedTime(), Objects.requireNonNullElse(attributes.fileKey(), file));
    }

    private static Blob read(Path file, long size) throws IOException {
        Memory memory = new Memory(Math.max(1, size));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer target = memory.getByteBuffer(0, memory.size());
            while (target.position() < size) {
                if (channel.read(target) < 0) {
                    throw new IOException(file + " became shorter while it was read");
                }
            }
        }
        return new Blob(memory, size);
    }
}

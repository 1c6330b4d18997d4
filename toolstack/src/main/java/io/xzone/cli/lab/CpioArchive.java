package io.xzone.cli.lab;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes an uncompressed initramfs (cpio "newc" format) directly, so that device nodes and root-owned files need no
 * root privilege and no staging copy. Archive paths are relative ("usr/bin/busybox"); parent directories are added on
 * demand; entries carry mtime 0 so that equal inputs give equal archives.
 */
public final class CpioArchive implements Closeable {
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFCHR = 0020000;
    private static final int NO_DEVICE = -1;

    private final OutputStream out;
    private final Set<String> entries = new HashSet<>();
    private long position;
    private int nextInode = 1;

    public CpioArchive(Path file) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
    }

    /** Whether the archive already has this path. */
    public boolean contains(String path) {
        return entries.contains(path);
    }

    public void directory(String path) throws IOException {
        if (path.isEmpty() || entries.contains(path)) {
            return;
        }
        parents(path);
        header(path, S_IFDIR | 0755, 0, NO_DEVICE);
    }

    public void file(String path, byte[] content, int permissions) throws IOException {
        entry(path, S_IFREG | permissions, content);
    }

    public void file(String path, Path source, int permissions) throws IOException {
        if (entries.contains(path)) {
            return;
        }
        parents(path);
        long size = Files.size(source);
        header(path, S_IFREG | permissions, size, NO_DEVICE);
        try (InputStream in = Files.newInputStream(source)) {
            position += in.transferTo(out);
        }
        pad();
    }

    public void symlink(String path, String target) throws IOException {
        entry(path, S_IFLNK | 0777, target.getBytes(StandardCharsets.UTF_8));
    }

    public void characterDevice(String path, int major, int minor) throws IOException {
        if (entries.contains(path)) {
            return;
        }
        parents(path);
        header(path, S_IFCHR | 0600, 0, (major << 8) | minor);
    }

    /**
     * Copies a host file, symlink or directory tree to the same place in the archive. Symlinks stay symlinks and
     * their targets are copied too; parent folders are taken by their real path, so on a merged-/usr host
     * {@code /lib/x86_64-linux-gnu/libc.so.6} lands in {@code usr/lib/x86_64-linux-gnu} (add the {@code lib -> usr/lib}
     * links yourself).
     */
    public void copyFromHost(Path hostPath) throws IOException {
        Path absolute = hostPath.toAbsolutePath().normalize();
        Path parent = absolute.getParent() == null ? absolute : absolute.getParent().toRealPath();
        Path located = absolute.getParent() == null ? absolute : parent.resolve(absolute.getFileName());
        String path = archivePath(located);
        if (entries.contains(path)) {
            return;
        }
        if (Files.isSymbolicLink(located)) {
            Path target = Files.readSymbolicLink(located);
            symlink(path, target.toString());
            copyFromHost(parent.resolve(target).normalize());
        } else if (Files.isDirectory(located, LinkOption.NOFOLLOW_LINKS)) {
            directory(path);
            List<Path> children;
            try (Stream<Path> list = Files.list(located)) {
                children = list.sorted().toList();
            }
            for (Path child : children) {
                copyFromHost(child);
            }
        } else if (Files.isRegularFile(located, LinkOption.NOFOLLOW_LINKS)) {
            int mode = (Integer) Files.getAttribute(located, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            file(path, located, mode & 07777);
        }
    }

    static String archivePath(Path absolute) {
        return absolute.toString().replaceFirst("^/+", "");
    }

    private void entry(String path, int mode, byte[] data) throws IOException {
        if (entries.contains(path)) {
            return;
        }
        parents(path);
        header(path, mode, data.length, NO_DEVICE);
        write(data);
        pad();
    }

    private void parents(String path) throws IOException {
        int slash = path.lastIndexOf('/');
        if (slash > 0) {
            directory(path.substring(0, slash));
        }
    }

    private void header(String path, int mode, long size, int rdev) throws IOException {
        entries.add(path);
        byte[] name = (path + "\0").getBytes(StandardCharsets.UTF_8);
        boolean device = rdev != NO_DEVICE;
        StringBuilder h = new StringBuilder("070701");
        long[] fields = {
            nextInode++, mode, 0, 0, (mode & S_IFDIR) == S_IFDIR ? 2 : 1, 0, size, 0, 0,
            device ? rdev >> 8 : 0, device ? rdev & 0xff : 0, name.length, 0,
        };
        for (long field : fields) {
            h.append(String.format("%08X", field));
        }
        write(h.toString().getBytes(StandardCharsets.US_ASCII));
        write(name);
        pad();
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        position += bytes.length;
    }

    private void pad() throws IOException {
        while (position % 4 != 0) {
            out.write(0);
            position++;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            header("TRAILER!!!", 0, 0, NO_DEVICE);
        } finally {
            out.close();
        }
    }
}

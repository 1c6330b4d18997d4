package io.xzone.convert.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/** The files of a test guest filesystem, written into a folder that mke2fs -d turns into a filesystem. */
public final class GuestFiles {
    private final Map<String, Object> entries = new LinkedHashMap<>();
    private final Map<String, Integer> modes = new LinkedHashMap<>();

    private record Link(String target) {
    }

    public GuestFiles file(String path, String content) {
        entries.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public GuestFiles file(String path, byte[] content) {
        entries.put(path, content.clone());
        return this;
    }

    public GuestFiles file(String path, String content, int mode) {
        modes.put(path, mode);
        return file(path, content);
    }

    public GuestFiles copy(String path, Path source) {
        try {
            return file(path, Files.readAllBytes(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public GuestFiles symlink(String path, String target) {
        entries.put(path, new Link(target));
        return this;
    }

    public GuestFiles folder(String path) {
        entries.put(path, null);
        return this;
    }

    /** Writes the tree under {@code root}. */
    public Path writeTo(Path root) throws IOException {
        Files.createDirectories(root);
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            Path p = root.resolve(e.getKey().substring(1));
            if (e.getValue() == null) {
                Files.createDirectories(p);
                continue;
            }
            Files.createDirectories(p.getParent());
            if (e.getValue() instanceof Link link) {
                Files.createSymbolicLink(p, Path.of(link.target()));
            } else {
                Files.write(p, (byte[]) e.getValue());
                int mode = modes.getOrDefault(e.getKey(), 0644);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions(mode)));
            }
        }
        return root;
    }

    private static String permissions(int mode) {
        StringBuilder s = new StringBuilder();
        String rwx = "rwx";
        for (int bit = 8; bit >= 0; bit--) {
            s.append((mode & (1 << bit)) != 0 ? rwx.charAt(2 - bit % 3) : '-');
        }
        return s.toString();
    }
}

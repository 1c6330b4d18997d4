package io.xzone.cli.lab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * The folder of built lab images. Each artifact is a folder stamped with the fingerprint of its inputs (package
 * versions, kernel, scripts); it is rebuilt only when the fingerprint changes. Builds go to a temporary folder that
 * replaces the old one at the end, under a file lock, so two labs starting at once never see half an image.
 */
public final class LabCache {
    /** The environment variable that moves the cache away from {@code target/lab-cache} of the project. */
    public static final String CACHE_ENV = "XZONE_LAB_CACHE";
    private static final String STAMP = ".fingerprint";

    /** Fills a fresh folder with an artifact's files. */
    interface Builder {
        void build(Path folder) throws IOException;
    }

    /** A ready artifact folder, and whether this call had to build it. */
    record Artifact(Path folder, boolean rebuilt, Duration took) {
    }

    private final Path root;

    public LabCache(Path root) {
        this.root = root;
    }

    /** {@code $XZONE_LAB_CACHE}, else {@code target/lab-cache} under the project root. */
    public static LabCache forProject(Path projectRoot) {
        String env = System.getenv(CACHE_ENV);
        return new LabCache(env != null && !env.isBlank() ? Path.of(env) : projectRoot.resolve("target/lab-cache"));
    }

    public Path root() {
        return root;
    }

    Artifact artifact(String name, String fingerprint, Builder builder) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(root);
        Path folder = root.resolve(name);
        try (FileChannel lockFile = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock()) {
            if (fingerprint.equals(readStamp(folder))) {
                return new Artifact(folder, false, Duration.ofNanos(System.nanoTime() - start));
            }
            Path fresh = Files.createTempDirectory(root, name + ".building-");
            try {
                builder.build(fresh);
                Files.writeString(fresh.resolve(STAMP), fingerprint, StandardCharsets.UTF_8);
                deleteTree(folder);
                Files.move(fresh, folder, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                deleteTree(fresh);
            }
        }
        return new Artifact(folder, true, Duration.ofNanos(System.nanoTime() - start));
    }

    /** SHA-256 over the given parts, as hex. */
    static String fingerprint(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String readStamp(Path folder) throws IOException {
        Path stamp = folder.resolve(STAMP);
        return Files.isRegularFile(stamp) ? Files.readString(stamp, StandardCharsets.UTF_8) : null;
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

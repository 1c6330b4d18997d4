package io.xzone.convert.iso;

import io.xzone.convert.journal.Journal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the GRUB CDs converted guests boot from, once per flavor, into a cache named by content: the file name carries
 * a checksum of everything that goes into the CD (the embedded configuration and the GRUB build), so every guest shares
 * one CD and a new GRUB or configuration gives a new file instead of changing one a guest already uses.
 *
 * <p>GRUB 2 comes from grub-mkrescue (grub-pc-bin, xorriso, mtools). GRUB Legacy 0.97 comes from Debian's grub-legacy
 * package, downloaded with {@code apt-get download} into the cache and unpacked with {@code dpkg -x}: never installed,
 * since it would replace the host's own bootloader tools.
 */
public final class GrubIsoBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(GrubIsoBuilder.class);
    private static final String STAGE2 = "usr/lib/grub/x86_64-pc/stage2_eltorito";

    private final Path cache;
    private final Map<GrubFlavor, Path> built = new EnumMap<>(GrubFlavor.class);

    public GrubIsoBuilder(Path cache) {
        this.cache = cache;
    }

    /** The CD of one flavor, built now if the cache does not hold it yet. Safe to call from many threads and processes. */
    public synchronized Path iso(GrubFlavor flavor) throws IsoBuildException {
        Path known = built.get(flavor);
        if (known != null && Files.exists(known)) {
            return known;
        }
        try {
            Files.createDirectories(cache);
            try (FileChannel lockFile = FileChannel.open(cache.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                Path iso = flavor == GrubFlavor.GRUB2 ? grub2() : legacy();
                built.put(flavor, iso);
                return iso;
            }
        } catch (IOException e) {
            throw new IsoBuildException("cannot build the " + flavor.fileName() + " CD in " + cache + ": " + e.getMessage());
        }
    }

    private Path grub2() throws IOException, IsoBuildException {
        String config = resource("grub2-embedded.cfg");
        String version = ToolRunner.run(cache, List.of("grub-mkrescue", "--version")).trim();
        Path iso = cache.resolve("grub2-" + key(config.getBytes(StandardCharsets.UTF_8), version.getBytes(StandardCharsets.UTF_8)) + ".iso");
        if (Files.exists(iso)) {
            return iso;
        }
        Path work = Files.createTempDirectory(cache, "build-grub2");
        try {
            Path cfg = work.resolve("embedded.cfg");
            Files.writeString(cfg, config);
            Path out = work.resolve("cd.iso");
            LOG.info("building the GRUB 2 CD {}", iso);
            ToolRunner.run(work, List.of("grub-mkrescue", "--compress=xz", "--locales=", "--fonts=", "--themes=",
                    "-o", out.toString(), "boot/grub/grub.cfg=" + cfg));
            return publish(out, iso);
        } finally {
            deleteTree(work);
        }
    }

    private Path legacy() throws IOException, IsoBuildException {
        String menu = resource("legacy-menu.lst");
        Path work = Files.createTempDirectory(cache, "build-legacy");
        try {
            Path unpacked = work.resolve("deb");
            ToolRunner.run(work, List.of("dpkg", "-x", grubLegacyDeb().toString(), unpacked.toString()));
            Path stage2 = unpacked.resolve(STAGE2);
            if (!Files.exists(stage2)) {
                throw new IsoBuildException("the grub-legacy package has no " + STAGE2);
            }
            byte[] stage2Bytes = Files.readAllBytes(stage2);
            Path iso = cache.resolve("grub-legacy-" + key(stage2Bytes, menu.getBytes(StandardCharsets.UTF_8)) + ".iso");
            if (Files.exists(iso)) {
                return iso;
            }
            Path tree = work.resolve("tree");
            Files.createDirectories(tree.resolve("boot/grub"));
            Files.write(tree.resolve("boot/grub/stage2_eltorito"), stage2Bytes);
            Files.writeString(tree.resolve("boot/grub/menu.lst"), menu);
            Path out = work.resolve("cd.iso");
            LOG.info("building the GRUB Legacy CD {}", iso);
            ToolRunner.run(work, List.of("xorriso", "-as", "mkisofs", "-quiet", "-R", "-b", "boot/grub/stage2_eltorito",
                    "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table", "-o", out.toString(), tree.toString()));
            return publish(out, iso);
        } finally {
            deleteTree(work);
        }
    }

    /** Debian's grub-legacy package: from the cache, else downloaded into it (apt-get download needs no root). */
    private Path grubLegacyDeb() throws IOException, IsoBuildException {
        Path debs = Files.createDirectories(cache.resolve("debs"));
        Path found = newestDeb(debs);
        if (found == null) {
            LOG.info("downloading the grub-legacy package into {}", debs);
            ToolRunner.run(debs, List.of("apt-get", "download", "grub-legacy"));
            found = newestDeb(debs);
        }
        if (found == null) {
            throw new IsoBuildException("apt-get download grub-legacy left no package in " + debs);
        }
        return found;
    }

    private static Path newestDeb(Path debs) throws IOException {
        try (Stream<Path> files = Files.list(debs)) {
            return files.filter(p -> p.getFileName().toString().matches("grub-legacy_.*\\.deb"))
                    .max(Comparator.comparing(Path::toString)).orElse(null);
        }
    }

    private static Path publish(Path built, Path iso) throws IOException {
        Files.move(built, iso, StandardCopyOption.ATOMIC_MOVE);
        return iso;
    }

    private static String key(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + 1 + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length + 1, second.length);
        return Journal.sha256(both).substring(0, 16);
    }

    static String resource(String name) {
        try (InputStream in = GrubIsoBuilder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

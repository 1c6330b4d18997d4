package io.xzone.cli.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Debian kernel the lab boots as dom0 and as the tiny guest: {@code /boot/vmlinuz-RELEASE} with its modules in
 * {@code /lib/modules/RELEASE}. Xen and PV/PVH guests get the uncompressed ELF cut out of it, because decompressing
 * under TCG costs ~27 s per boot.
 *
 * @param release e.g. {@code 6.1.0-56-amd64}
 * @param bzImage the compressed kernel in /boot
 * @param modules its modules folder
 */
public record HostKernel(String release, Path bzImage, Path modules) {
    private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
    private static final byte[] ELF_MAGIC = {0x7F, 'E', 'L', 'F'};

    /** The newest kernel in /boot that has its modules installed. */
    public static HostKernel find() {
        return find(Path.of("/boot"), Path.of("/lib/modules"));
    }

    static HostKernel find(Path boot, Path modulesRoot) {
        List<HostKernel> kernels;
        try (Stream<Path> files = Files.list(boot)) {
            kernels = files.filter(p -> p.getFileName().toString().startsWith("vmlinuz-"))
                    .map(p -> {
                        String release = p.getFileName().toString().substring("vmlinuz-".length());
                        return new HostKernel(release, p, modulesRoot.resolve(release));
                    })
                    .filter(k -> Files.isDirectory(k.modules()))
                    .sorted(Comparator.comparing(HostKernel::release, HostKernel::compareReleases))
                    .toList();
        } catch (IOException e) {
            kernels = List.of();
        }
        if (kernels.isEmpty()) {
            throw LabException.hostLacks("no Linux kernel in " + boot + " with modules in " + modulesRoot
                    + " (package linux-image-amd64; bin/setup-host installs it)");
        }
        return kernels.get(kernels.size() - 1);
    }

    /** Compares releases like 6.1.0-9 and 6.1.0-56 by their numbers, not as text. */
    static int compareReleases(String a, String b) {
        String[] x = a.split("[^0-9]+");
        String[] y = b.split("[^0-9]+");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i].isEmpty() || y[i].isEmpty()) {
                continue;
            }
            int c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    /** Identifies this kernel's build for the image cache. */
    String fingerprint() throws IOException {
        return release + " " + Files.size(bzImage) + " " + Files.getLastModifiedTime(bzImage).toMillis();
    }

    /** Writes the uncompressed ELF kernel: the xz payload of the bzImage, decompressed with xz. */
    void extractVmlinux(Path target) throws IOException {
        byte[] image = Files.readAllBytes(bzImage);
        int start = indexOf(image, XZ_MAGIC);
        if (start < 0) {
            throw LabException.hostLacks(bzImage + " has no xz payload: the lab needs Debian's xz-compressed kernel");
        }
        Path payload = Files.createTempFile(target.getParent(), "payload", ".xz");
        try {
            try (OutputStream out = Files.newOutputStream(payload)) {
                out.write(image, start, image.length - start);
            }
            ProcessBuilder xz = new ProcessBuilder("xz", "-dc", "--single-stream")
                    .redirectInput(payload.toFile()).redirectOutput(target.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            int exit = xz.start().waitFor();
            if (exit != 0 || !startsWith(target, ELF_MAGIC)) {
                throw LabException.failed("could not cut the ELF kernel out of " + bzImage + " (xz exit " + exit + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while decompressing " + bzImage, e);
        } finally {
            Files.deleteIfExists(payload);
        }
    }

    static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean startsWith(Path file, byte[] magic) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(magic.length);
            return Arrays.equals(head, magic);
        }
    }
}

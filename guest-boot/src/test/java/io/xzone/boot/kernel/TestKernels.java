package io.xzone.boot.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real kernels for tests, made in the build's target folder: Debian's vmlinux cut out of /boot/vmlinuz-* (PV and
 * PVH-capable) and a tiny PV-only ELF assembled with the system's as/ld. Shared with other modules in the test-jar.
 */
public final class TestKernels {
    private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
    private static final Path WORK = Path.of("target", "test-kernels");

    private TestKernels() {
    }

    /** The uncompressed vmlinux of the newest /boot/vmlinuz-* (linux-image-amd64), extracted once per build. */
    public static synchronized Path debianVmlinux() throws IOException, InterruptedException {
        Path bzImage = newestVmlinuz();
        Path out = WORK.resolve("vmlinux-" + bzImage.getFileName().toString().substring("vmlinuz-".length()));
        if (Files.exists(out)) {
            return out;
        }
        Files.createDirectories(WORK);
        byte[] image = Files.readAllBytes(bzImage);
        Path partial = Files.createTempFile(WORK, "vmlinux", ".part");
        for (int at = indexOf(image, XZ_MAGIC, 0); at >= 0; at = indexOf(image, XZ_MAGIC, at + 1)) {
            if (unxz(image, at, partial) && isElf(partial)) {
                return Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.deleteIfExists(partial);
        throw new IllegalStateException(bzImage + " holds no xz-compressed ELF payload (is it not Debian's kernel?)");
    }

    /** A minimal 64-bit ELF with only Xen PV notes (no PHYS32_ENTRY): what an old PV-only kernel looks like. */
    public static synchronized Path pvOnlyElf() throws IOException, InterruptedException {
        return assemble("pv-only", false);
    }

    /** The same tiny ELF with a PHYS32_ENTRY note too: PV and PVH-capable. */
    public static synchronized Path pvAndPvhElf() throws IOException, InterruptedException {
        return assemble("pv-pvh", true);
    }

    // Laid out like Linux (virtual 0xffffffff81000000, physical 16 MiB), so libxenguest's address checks pass
    // for both PV and PVH as they do for a real kernel.
    private static final String LINKER_SCRIPT = """
            ENTRY(_start)
            SECTIONS {
              . = 0xffffffff81000000;
              .text : AT(0x1000000) { *(.text) }
              .note.Xen : AT(ADDR(.note.Xen) - 0xffffffff80000000) { *(.note.Xen) }
            }
            """;

    private static Path assemble(String name, boolean phys32Entry) throws IOException, InterruptedException {
        String assembly = assemblySource(phys32Entry);
        // Named after its inputs, so a changed recipe builds a new ELF instead of reusing a stale one from target/.
        String key = Integer.toHexString((assembly + LINKER_SCRIPT).hashCode());
        Path elf = WORK.resolve(name + "-" + key + ".elf");
        if (Files.exists(elf)) {
            return elf;
        }
        Files.createDirectories(WORK);
        Path source = WORK.resolve(name + ".S");
        Files.writeString(source, assembly);
        Path object = WORK.resolve(name + ".o");
        run(List.of("as", "--64", "-o", object.toString(), source.toString()));
        Path script = WORK.resolve("kernel.ld");
        Files.writeString(script, LINKER_SCRIPT);
        run(List.of("ld", "-m", "elf_x86_64", "-static", "-nostdlib", "-T", script.toString(), "-o", elf.toString(),
                object.toString()));
        return elf;
    }

    private static String assemblySource(boolean phys32Entry) {
        StringBuilder s = new StringBuilder();
        s.append("""
                .macro xennote type, desc:vararg
                  .balign 4
                  .long 2f - 1f
                  .long 4f - 3f
                  .long \\type
                1: .asciz "Xen"
                2: .balign 4
                3: \\desc
                4: .balign 4
                .endm
                .section .note.Xen, "a", @note
                xennote 6, .asciz "linux"
                xennote 5, .asciz "xen-3.0"
                xennote 8, .asciz "generic"
                xennote 3, .quad 0xffffffff80000000
                xennote 4, .quad 0
                xennote 1, .quad _start
                xennote 2, .quad hypercall_page
                """);
        if (phys32Entry) {
            s.append("xennote 18, .long 0x1000000\n");
        }
        s.append("""
                .text
                .globl _start
                _start:
                  hlt
                  jmp _start
                .balign 4096
                hypercall_page:
                  .skip 4096
                """);
        return s.toString();
    }

    private static Path newestVmlinuz() throws IOException {
        List<Path> kernels = new ArrayList<>();
        try (DirectoryStream<Path> boot = Files.newDirectoryStream(Path.of("/boot"), "vmlinuz-*")) {
            boot.forEach(kernels::add);
        }
        return kernels.stream().filter(Files::isReadable).max(Path::compareTo).orElseThrow(() ->
                new IllegalStateException("no readable /boot/vmlinuz-*: run bin/setup-host (installs linux-image-amd64)"));
    }

    private static boolean unxz(byte[] image, int offset, Path out) throws IOException, InterruptedException {
        Process xz = new ProcessBuilder("xz", "-dc", "--single-stream").redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = xz.getOutputStream()) {
            in.write(image, offset, image.length - offset);
        } catch (IOException e) {
            // xz stops reading once the stream ends; the rest of the bzImage is not for it.
        }
        return xz.waitFor(120, TimeUnit.SECONDS) && xz.exitValue() == 0;
    }

    private static boolean isElf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}

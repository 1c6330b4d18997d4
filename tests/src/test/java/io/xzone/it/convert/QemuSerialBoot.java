package io.xzone.it.convert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Boots a disk under plain QEMU (TCG, no Xen) from a CD, as the conversion facts prescribe, with the serial port in a
 * file; stops as soon as a marker shows there, or when the guest powers off, or at the deadline.
 */
final class QemuSerialBoot {
    /** Generous: two cores are shared by several builds, and TCG boots a kernel slowly. */
    static final Duration TIMEOUT = Duration.ofSeconds(180);

    /** What the serial line showed, and whether the guest powered off by itself (QEMU exited) before the deadline. */
    record Result(String serial, boolean poweredOff) {
        boolean shows(String marker) {
            return serial.contains(marker);
        }
    }

    static Result boot(Path disk, Path cd, String marker) throws IOException, InterruptedException {
        return boot(disk, cd, marker, new AtomicLong(System.nanoTime() + TIMEOUT.toNanos()));
    }

    /** As above, with a deadline (System.nanoTime) that another thread may bring forward while this boot runs. */
    static Result boot(Path disk, Path cd, String marker, AtomicLong deadline) throws IOException, InterruptedException {
        Path log = disk.resolveSibling(disk.getFileName() + ".serial.log");
        Files.deleteIfExists(log);
        Process qemu = new ProcessBuilder(List.of("qemu-system-x86_64", "-accel", "tcg", "-machine", "pc", "-m", "512",
                "-drive", "file=" + disk + ",format=raw,if=ide", "-cdrom", cd.toString(), "-boot", "d",
                "-display", "none", "-monitor", "none", "-serial", "file:" + log, "-no-reboot"))
                .redirectErrorStream(true).redirectOutput(disk.resolveSibling(disk.getFileName() + ".qemu.log").toFile())
                .start();
        try {
            while (System.nanoTime() < deadline.get()) {
                String serial = read(log);
                if (serial.contains(marker)) {
                    return new Result(serial, false);
                }
                if (!qemu.isAlive()) {
                    return new Result(read(log), true);
                }
                Thread.sleep(500);
            }
            return new Result(read(log), false);
        } finally {
            qemu.destroy();
            qemu.waitFor();
        }
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1) : "";
    }
}

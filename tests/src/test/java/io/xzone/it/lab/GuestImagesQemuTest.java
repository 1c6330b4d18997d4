package io.xzone.it.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.GuestImages;
import io.xzone.cli.lab.LabCache;
import io.xzone.cli.lab.LabOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The tiny guest off Xen: plain QEMU boots its bzImage and initrd, it says guest_type=none on ttyS0 and powers off. */
@Tag("qemu")
class GuestImagesQemuTest {

    @Test
    void tinyGuestPrintsNoneOnTheSerialPortAndPowersOff() throws Exception {
        Path root = LabOptions.findProjectRoot();
        GuestImages images = GuestImages.build(LabCache.forProject(root));
        Path log = Files.createDirectories(root.resolve("target/lab")).resolve("guest-images-qemu.log");
        Process qemu = new ProcessBuilder(List.of("qemu-system-x86_64", "-accel", "tcg", "-m", "256",
                "-nodefaults", "-display", "none", "-serial", "stdio", "-no-reboot",
                "-kernel", images.bzImage().toString(), "-initrd", images.initrd().toString(),
                "-append", "console=ttyS0 xzone.then=poweroff"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = qemu.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            qemu.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended, "the guest did not power off within 5 minutes; log " + log);
        assertTrue(output.contains("XZONE-MARKER guest_type=none"), "no marker in " + log);
    }
}

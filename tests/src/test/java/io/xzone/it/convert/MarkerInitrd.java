package io.xzone.it.convert;

import io.xzone.cli.lab.CpioArchive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An initrd whose init prints {@link #MARKER} on /dev/console only, then powers off. The lab's guest initrd also writes
 * its marker straight to /dev/ttyS0, which would make an unconverted guest (console=hvc0) show it too: here the marker
 * reaches the serial line only if the kernel's console is ttyS0, which is what conversion must achieve. The power-off
 * proves the guest did boot when no marker shows.
 */
final class MarkerInitrd {
    static final String MARKER = "XZONE-MARKER converted-guest";
    private static final String INIT = """
            #!/bin/busybox sh
            /bin/busybox mount -t proc proc /proc
            echo "XZONE-MARKER converted-guest $(/bin/busybox cat /proc/cmdline)" > /dev/console
            /bin/busybox sync
            /bin/busybox poweroff -f
            """;

    private MarkerInitrd() {
    }

    static Path build(Path target) throws IOException {
        if (Files.exists(target)) {
            return target;
        }
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try (CpioArchive cpio = new CpioArchive(temp)) {
            for (String dir : new String[] {"bin", "proc", "dev"}) {
                cpio.directory(dir);
            }
            cpio.characterDevice("dev/console", 5, 1);
            cpio.file("bin/busybox", Path.of("/bin/busybox").toRealPath(), 0755);
            cpio.file("init", INIT.getBytes(StandardCharsets.UTF_8), 0755);
        }
        Files.move(temp, target);
        return target;
    }
}

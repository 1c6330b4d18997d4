package io.xzone.cli.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostKernelTest {
    @TempDir
    Path dir;

    private void kernel(String release, boolean withModules) throws IOException {
        Files.createDirectories(dir.resolve("boot"));
        Files.writeString(dir.resolve("boot/vmlinuz-" + release), "image");
        if (withModules) {
            Files.createDirectories(dir.resolve("modules/" + release));
        }
    }

    @Test
    void picksTheNewestKernelThatHasItsModules() throws IOException {
        kernel("6.1.0-9-amd64", true);
        kernel("6.1.0-56-amd64", true);
        kernel("6.1.0-60-amd64", false);
        HostKernel k = HostKernel.find(dir.resolve("boot"), dir.resolve("modules"));
        assertEquals("6.1.0-56-amd64", k.release());
        assertEquals(dir.resolve("modules/6.1.0-56-amd64"), k.modules());
    }

    @Test
    void noKernelIsOneLineWithExitFour() throws IOException {
        Files.createDirectories(dir.resolve("boot"));
        LabException e = assertThrows(LabException.class,
                () -> HostKernel.find(dir.resolve("boot"), dir.resolve("modules")));
        assertEquals(ExitCode.UNSUPPORTED, e.exitCode());
        assertTrue(e.getMessage().startsWith("no Linux kernel in ") && e.getMessage().contains("linux-image-amd64"),
                e.getMessage());
    }

    @Test
    void releasesCompareByNumber() {
        assertTrue(HostKernel.compareReleases("6.1.0-9-amd64", "6.1.0-56-amd64") < 0);
        assertTrue(HostKernel.compareReleases("6.10.0-1-amd64", "6.9.0-1-amd64") > 0);
        assertEquals(0, HostKernel.compareReleases("6.1.0-56-amd64", "6.1.0-56-amd64"));
    }

    @Test
    void aKernelWithoutXzPayloadIsRefused() throws IOException {
        kernel("1.0", true);
        HostKernel k = HostKernel.find(dir.resolve("boot"), dir.resolve("modules"));
        LabException e = assertThrows(LabException.class, () -> k.extractVmlinux(dir.resolve("vmlinux")));
        assertTrue(e.getMessage().endsWith("has no xz payload: the lab needs Debian's xz-compressed kernel"));
        assertEquals(Set.of("boot", "modules"), Set.of(dir.toFile().list()));
    }

    @Test
    void findsTheXzMagicInsideTheImage() {
        byte[] image = {1, 2, (byte) 0xFD, '7', 'z', 'X', 'Z', 0, 9};
        assertEquals(2, HostKernel.indexOf(image, new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0}));
    }
}

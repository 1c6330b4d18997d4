package io.xzone.cli.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.xzone.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostPrerequisitesTest {
    private static Map<String, String> allInstalled() {
        Map<String, String> versions = new HashMap<>();
        HostPrerequisites.PACKAGES.forEach(p -> versions.put(p, "1.0"));
        return versions;
    }

    @Test
    void missingPackagesAreNamedInOneLineWithExitFour() {
        Map<String, String> versions = allInstalled();
        versions.remove("busybox-static");
        versions.remove("qemu-system-xen");
        LabException e = assertThrows(LabException.class, () -> new HostPrerequisites(p -> versions).check());
        assertEquals(ExitCode.UNSUPPORTED, e.exitCode());
        assertEquals("the lab needs Debian packages qemu-system-xen, busybox-static (bin/setup-host installs them)",
                e.getMessage());
    }

    @Test
    void oneMissingPackageIsSingular() {
        Map<String, String> versions = allInstalled();
        versions.remove("kmod");
        LabException e = assertThrows(LabException.class, () -> new HostPrerequisites(p -> versions).check());
        assertEquals("the lab needs Debian package kmod (bin/setup-host installs them)", e.getMessage());
    }

    @Test
    void noDpkgMeansNotDebian() {
        LabException e = assertThrows(LabException.class, () -> new HostPrerequisites(p -> {
            throw new IOException("Cannot run program \"dpkg-query\"");
        }).check());
        assertEquals(ExitCode.UNSUPPORTED, e.exitCode());
        assertEquals("cannot ask dpkg which packages are installed (Cannot run program \"dpkg-query\"): "
                + "the lab needs a Debian 12 host", e.getMessage());
    }

    @Test
    void dpkgQueryOutputCountsOnlyInstalledPackages() {
        String output = "busybox-static ii  1:1.35.0-4+deb12u1+b1\nkmod rc  30+20221128-1\nxz-utils ii  5.4.1-1\n";
        assertEquals(Map.of("busybox-static", "1:1.35.0-4+deb12u1+b1", "xz-utils", "5.4.1-1"),
                HostPrerequisites.parseDpkgQuery(output));
    }

    @Test
    void qemuNotOnPathIsOneLineWithExitFour() {
        LabException e = assertThrows(LabException.class, () -> HostPrerequisites.qemu(name -> Optional.empty()));
        assertEquals(ExitCode.UNSUPPORTED, e.exitCode());
        assertEquals("qemu-system-x86_64 not found on PATH (package qemu-system-x86; bin/setup-host installs it)",
                e.getMessage());
        assertEquals(Path.of("/q"), HostPrerequisites.qemu(name -> Optional.of(Path.of("/q"))));
    }
}

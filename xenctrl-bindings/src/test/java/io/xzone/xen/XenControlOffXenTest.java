package io.xzone.xen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** On a machine without Xen (the build hosts), opening the hypervisor is one sentence, not a crash or a stack. */
class XenControlOffXenTest {
    @Test
    void offXenOpenSaysSoInOneSentence() {
        assumeFalse(Files.exists(Path.of("/dev/xen/privcmd")) || Files.exists(Path.of("/proc/xen/privcmd")),
                "this test describes a host without Xen");
        XenUnavailableException e = assertThrows(XenUnavailableException.class, XenControl::open);
        assertEquals("Xen is not reachable: /dev/xen/privcmd does not exist (xzone must run in a Xen dom0)",
                e.getMessage());
    }

    @Test
    void versionCheckRefusesOtherXens() {
        LayoutCheck.version(new XenVersion(4, 17, ".7"));
        XenUnavailableException e = assertThrows(XenUnavailableException.class,
                () -> LayoutCheck.version(new XenVersion(4, 18, ".0")));
        assertEquals("this host runs Xen 4.18.0 but xzone's binding is built for Xen 4.17 (structure layouts differ "
                + "between versions); use xl on this host", e.getMessage());
    }

    @Test
    void theBindingsStructuresHaveTheirCSizes() {
        LayoutCheck.structureSizes();
    }
}

package io.xzone.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.Lab;
import io.xzone.it.lab.LabProfile;
import io.xzone.it.lab.XenLab;
import org.junit.jupiter.api.Test;

/** {@code xzone host info} on a CPU without SVM: Xen offers no hvm, so pvh and hvm are refused with the reason. */
@XenLab(LabProfile.NO_HVM)
class HostInfoNoHvmLabTest {

    @Test
    void reportsNoHvmAndExplainsWhyPvhAndHvmAreUnavailable(Lab lab) {
        HostInfoInDom0 info = HostInfoInDom0.read(lab);
        assertEquals(info.xlBackendCaps(), info.xzoneBackendCaps(), info.json());
        assertTrue(!info.xzoneBackendCaps().contains("hvm"), info.json());
        assertEquals("pv", info.backend("auto", "resolves_to"));
        assertEquals("false", info.backend("pvh", "available"));
        assertEquals("false", info.backend("hvm", "available"));
        assertTrue(info.text().contains("-V pvh         unavailable: pvh needs hardware virtualization (VT-x/AMD-V) "
                + "but this host offers: pv; use -V auto or -V pv"), info.text());
        assertTrue(info.text().contains("-V hvm         unavailable: hvm needs hardware virtualization (VT-x/AMD-V) "
                + "but this host offers: pv; use -V auto or -V pv"), info.text());
    }
}

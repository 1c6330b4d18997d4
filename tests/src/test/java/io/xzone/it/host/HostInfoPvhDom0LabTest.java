package io.xzone.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.Lab;
import io.xzone.it.lab.LabProfile;
import io.xzone.it.lab.XenLab;
import org.junit.jupiter.api.Test;

/** {@code xzone host info} in a PVH dom0: auto follows dom0 to PVH. */
@XenLab(LabProfile.PVH_DOM0)
class HostInfoPvhDom0LabTest {

    @Test
    void autoResolvesToPvh(Lab lab) {
        assertEquals("PVH", lab.runOk("cat /sys/hypervisor/guest_type").output().strip());
        HostInfoInDom0 info = HostInfoInDom0.read(lab);
        assertEquals(info.xlBackendCaps(), info.xzoneBackendCaps(), info.json());
        assertEquals("pvh", info.backend("auto", "resolves_to"));
        assertTrue(info.text().contains("-V auto        pvh (auto follows dom0, which booted as PVH)"), info.text());
    }
}

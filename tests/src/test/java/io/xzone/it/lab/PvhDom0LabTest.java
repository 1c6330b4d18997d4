package io.xzone.it.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.Lab;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PVH dom0 machine (q35 + AMD IOMMU): dom0 itself is PVH and still starts PV guests. */
@XenLab(LabProfile.PVH_DOM0)
class PvhDom0LabTest {

    @Test
    void dom0BootedAsPvhBehindTheIommu(Lab lab) {
        assertEquals("PVH", lab.runOk("cat /sys/hypervisor/guest_type").output().strip());
        List<String> caps = TinyGuest.virtCaps(lab);
        assertTrue(caps.containsAll(List.of("pv", "hvm", "hap", "hvm_directio")), "virt_caps: " + caps);
    }

    @Test
    void tinyPvGuestPrintsItsMarker(Lab lab) {
        assertEquals("PV", TinyGuest.bootAndReadGuestType(lab, "pvh-dom0-pv", "pv"));
    }
}

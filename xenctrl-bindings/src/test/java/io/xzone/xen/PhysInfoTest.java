package io.xzone.xen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PhysInfoTest {
    @Test
    void decodesTheLabsCapabilityMask() {
        // 0x30b is what xc_physinfo answered in the lab's dom0 (-cpu max,-smap,-rdtscp).
        assertEquals(EnumSet.of(HostCapability.HVM, HostCapability.PV, HostCapability.HAP, HostCapability.GNTTAB_V1,
                HostCapability.GNTTAB_V2), HostCapability.fromMask(0x30b));
        assertEquals(0x30b, HostCapability.toMask(HostCapability.fromMask(0x30b)));
        assertEquals(EnumSet.of(HostCapability.PV, HostCapability.GNTTAB_V1), HostCapability.fromMask(0x102 | 0x8000));
    }

    @Test
    void memoryIsPagesOfFourKib() {
        PhysInfo info = new PhysInfo(2, 2_000_000, 1024, 256, Set.of(HostCapability.PV));
        assertEquals(4L * 1024 * 1024, info.totalMemoryBytes());
        assertEquals(1024L * 1024, info.freeMemoryBytes());
    }

    @Test
    void versionDecodesXenversionPacking() {
        assertEquals("4.17.7", XenVersion.fromPacked((4 << 16) | 17, ".7").toString());
    }

    @Test
    void domainConfigsFollowLibxl() {
        UUID uuid = UUID.randomUUID();
        assertEquals(0, DomainConfig.pv(uuid, 2).flagMask());
        assertEquals(0x3, DomainConfig.pvh(uuid, 2, true).flagMask());
        assertEquals(DomainConfig.EMU_PVH, DomainConfig.pvh(uuid, 2, true).emulationFlags());
        assertEquals(0x1, DomainConfig.hvm(uuid, 1, false).flagMask());
        assertEquals(0x3ff, DomainConfig.hvm(uuid, 1, false).emulationFlags());
        assertThrows(IllegalArgumentException.class, () -> DomainConfig.pv(uuid, 0));
    }

    @Test
    void domainFlagsDecodeXcDomaininfo() {
        assertEquals(EnumSet.of(DomainFlag.HVM_GUEST, DomainFlag.PAUSED), DomainFlag.fromMask(0x2 | 0x8));
    }
}

package io.xzone.xen;

import java.util.EnumSet;
import java.util.Set;

/** What the hypervisor says this host can do: the XEN_SYSCTL_PHYSCAP_* bits of {@code xc_physinfo}. */
public enum HostCapability {
    // Declared in the order xl info prints virt_caps, which is how sets of them are shown.
    PV(0x2),
    /** Hardware virtualization (VT-x/AMD-V): needed for PVH and HVM guests. */
    HVM(0x1),
    /** An IOMMU for device pass-through. */
    DIRECTIO(0x4),
    /** Hardware-assisted paging (EPT/NPT). */
    HAP(0x8),
    /** Shadow paging (Debian's Xen is built without it). */
    SHADOW(0x10),
    GNTTAB_V1(0x100),
    GNTTAB_V2(0x200);

    private final int bit;

    HostCapability(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    /** The capabilities whose bits are set in {@code mask}; unknown bits are ignored. */
    public static Set<HostCapability> fromMask(int mask) {
        EnumSet<HostCapability> set = EnumSet.noneOf(HostCapability.class);
        for (HostCapability c : values()) {
            if ((mask & c.bit) != 0) {
                set.add(c);
            }
        }
        return set;
    }

    public static int toMask(Set<HostCapability> capabilities) {
        int mask = 0;
        for (HostCapability c : capabilities) {
            mask |= c.bit;
        }
        return mask;
    }
}

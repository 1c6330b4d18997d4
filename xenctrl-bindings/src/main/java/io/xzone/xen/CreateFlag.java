package io.xzone.xen;

/** Flags of {@code xen_domctl_createdomain.flags} (XEN_DOMCTL_CDF_*). */
public enum CreateFlag {
    /** An HVM container: set for PVH and HVM guests. */
    HVM(0x1),
    /** Use hardware-assisted paging (only with HVM). */
    HAP(0x2),
    S3_INTEGRITY(0x4),
    OOS_OFF(0x8),
    XS_DOMAIN(0x10),
    IOMMU(0x20),
    NESTED_VIRT(0x40),
    VPMU(0x80);

    private final int bit;

    CreateFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }
}

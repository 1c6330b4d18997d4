package io.xzone.cli.lab;

/** How Xen builds the lab's dom0. */
public enum Dom0Mode {
    /** A PV dom0 on the plain {@code pc} machine. */
    PV,
    /** A PVH dom0: Xen needs an IOMMU for it, so the lab uses {@code q35} with an AMD IOMMU and {@code dom0=pvh iommu=1}. */
    PVH
}

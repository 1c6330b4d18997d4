package io.xzone.xen;

/** The HVM_PARAM_* indices a toolstack sets or reads (xen/hvm/params.h). */
public enum HvmParam {
    CALLBACK_IRQ(0),
    STORE_PFN(1),
    STORE_EVTCHN(2),
    PAE_ENABLED(4),
    IOREQ_PFN(5),
    BUFIOREQ_PFN(6),
    VIRIDIAN(9),
    TIMER_MODE(10),
    HPET_ENABLED(11),
    IDENT_PT(12),
    DM_DOMAIN(13),
    ACPI_S_STATE(14),
    VM86_TSS(15),
    VPT_ALIGN(16),
    CONSOLE_PFN(17),
    CONSOLE_EVTCHN(18),
    /** Read-only in Xen 4.17: setting it is EINVAL (nested virtualization is CDF_nested_virt at create). */
    NESTEDHVM(24),
    /** Read-only in Xen 4.17: setting it is EINVAL. */
    BUFIOREQ_EVTCHN(26),
    PAGING_RING_PFN(27),
    MONITOR_RING_PFN(28),
    SHARING_RING_PFN(29),
    TRIPLE_FAULT_REASON(31),
    IOREQ_SERVER_PFN(32),
    NR_IOREQ_SERVER_PAGES(33),
    VM_GENERATION_ID_ADDR(34),
    ALTP2M(35),
    X87_FIP_WIDTH(36),
    VM86_TSS_SIZED(37),
    MCA_CAP(38);

    private final int index;

    HvmParam(int index) {
        this.index = index;
    }

    public int index() {
        return index;
    }
}

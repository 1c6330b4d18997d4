package io.xzone.xen;

/** The tsc_mode values of {@code xc_domain_set_tsc_info} (libxl's tsc_mode names). */
public enum TscMode {
    DEFAULT(0),
    ALWAYS_EMULATE(1),
    /** Never emulate: the guest reads the host TSC directly. PVH/HVM guests under QEMU TCG need it (RDTSCP). */
    NATIVE(2);

    private final int code;

    TscMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}

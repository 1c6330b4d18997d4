package io.xzone.boot.kernel;

/** The XEN_ELFNOTE_* types (xen/elfnote.h) a kernel carries under the note name "Xen". */
public final class XenNote {
    public static final int ENTRY = 1;
    public static final int HYPERCALL_PAGE = 2;
    public static final int VIRT_BASE = 3;
    public static final int PADDR_OFFSET = 4;
    public static final int XEN_VERSION = 5;
    public static final int GUEST_OS = 6;
    public static final int LOADER = 8;
    public static final int FEATURES = 10;
    /** A bitmap of the XENFEAT_* flags the kernel supports (32 bits). */
    public static final int SUPPORTED_FEATURES = 17;
    /** The 32-bit PVH entry point: a kernel with it can boot in an HVM container. */
    public static final int PHYS32_ENTRY = 18;

    private XenNote() {
    }
}

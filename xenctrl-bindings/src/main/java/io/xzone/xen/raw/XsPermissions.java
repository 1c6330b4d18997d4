package io.xzone.xen.raw;

/**
 * {@code struct xs_permissions} (8 bytes): an unsigned int domain id, then an enum of XS_PERM_* bits. libxenstore takes
 * and returns arrays of them; the binding passes such an array as a Java {@code int[]} of (id, perms) pairs, which JNA
 * hands over as contiguous memory, rather than as JNA Structures, whose reflective set-up per call was most of the
 * Java time of a launch's xenstore transaction (profiled in the lab).
 */
public final class XsPermissions {
    /** sizeof(struct xs_permissions): the stride of the arrays libxenstore takes and returns. */
    public static final int SIZE = 8;
    /** ints per entry in the (id, perms) pair encoding. */
    public static final int INTS = SIZE / Integer.BYTES;
    /** Byte offsets of the fields, which the pair encoding assumes. */
    public static final int ID_OFFSET = 0;
    public static final int PERMS_OFFSET = 4;
    public static final int XS_PERM_NONE = 0;
    public static final int XS_PERM_READ = 1;
    public static final int XS_PERM_WRITE = 2;

    private XsPermissions() {
    }
}

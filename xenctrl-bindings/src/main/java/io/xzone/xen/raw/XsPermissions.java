package io.xzone.xen.raw;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** {@code struct xs_permissions} (8 bytes): a domain id and its XS_PERM_* bits. */
@Structure.FieldOrder({"id", "perms"})
public class XsPermissions extends Structure {
    /** sizeof(struct xs_permissions): the stride of the arrays libxenstore takes and returns. */
    public static final int SIZE = 8;
    public static final int XS_PERM_NONE = 0;
    public static final int XS_PERM_READ = 1;
    public static final int XS_PERM_WRITE = 2;

    /** unsigned int id. */
    public int id;
    /** enum xs_perm_type perms. */
    public int perms;

    public XsPermissions() {
    }

    /** The structure at {@code pointer}, read from native memory. */
    public XsPermissions(Pointer pointer) {
        super(pointer);
        read();
    }
}

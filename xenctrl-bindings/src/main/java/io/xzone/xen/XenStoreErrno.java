package io.xzone.xen;

/** The errno values xenstore answers with that callers act on (Linux numbers, as xenstored and libxenstore use). */
public final class XenStoreErrno {
    public static final int ENOENT = 2;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;

    private XenStoreErrno() {
    }
}

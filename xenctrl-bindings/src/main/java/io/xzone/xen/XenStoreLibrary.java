package io.xzone.xen;

import io.xzone.xen.raw.LibXenStore;
import io.xzone.xen.raw.LibXenStoreDirect;

/** libxenstore, probed once: either the loaded library or one sentence saying why it cannot be used. */
final class XenStoreLibrary {
    private static final LibXenStore LIBRARY;
    private static final String MISSING;

    static {
        LibXenStore library = null;
        String missing = null;
        try {
            library = new LibXenStoreDirect();
        } catch (UnsatisfiedLinkError e) {
            missing = LibXenStore.SONAME + " cannot be loaded (install the Debian package libxenstore4): "
                    + e.getMessage().lines().findFirst().orElse("");
        }
        LIBRARY = library;
        MISSING = missing;
    }

    private XenStoreLibrary() {
    }

    static LibXenStore get() {
        if (LIBRARY == null) {
            throw new XenException("load " + LibXenStore.SONAME, 0, MISSING);
        }
        return LIBRARY;
    }
}

package io.xzone.boot.layout;

import io.xzone.xen.XenException;
import io.xzone.xen.XenStoreAccess;
import io.xzone.xen.XenStoreErrno;
import java.util.List;

/** Removing and listing xenstore trees where "not there" is a fine answer, not an error. */
public final class XsTrees {
    private XsTrees() {
    }

    /** Removes a tree; one that is not there (not even its parent) is already what we want. */
    public static void removeIfPresent(XenStoreAccess access, String tree) {
        try {
            access.rm(tree);
        } catch (XenException e) {
            if (e.errno() != XenStoreErrno.ENOENT) {
                throw e;
            }
        }
    }

    /** The children of a node, none when it does not exist. */
    public static List<String> children(XenStoreAccess access, String path) {
        try {
            return access.directory(path);
        } catch (XenException e) {
            if (e.errno() == XenStoreErrno.ENOENT) {
                return List.of();
            }
            throw e;
        }
    }
}

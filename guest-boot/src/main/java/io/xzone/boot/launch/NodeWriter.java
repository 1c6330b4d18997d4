package io.xzone.boot.launch;

import io.xzone.boot.layout.XsNode;
import io.xzone.xen.XenException;
import io.xzone.xen.XenStoreAccess;
import io.xzone.xen.XenStoreErrno;
import java.util.List;

/** Writes laid-out nodes and removes trees through one xenstore access (usually a transaction): the value, then explicit permissions. */
final class NodeWriter {
    private NodeWriter() {
    }

    static void write(XenStoreAccess access, List<XsNode> nodes) {
        for (XsNode node : nodes) {
            access.write(node.path(), node.value());
            if (node.hasOwnPerms()) {
                access.setPermissions(node.path(), node.perms());
            }
        }
    }

    /** Removes a tree; one that is not there (not even its parent) is already what we want. */
    static void removeIfPresent(XenStoreAccess access, String tree) {
        try {
            access.rm(tree);
        } catch (XenException e) {
            if (e.errno() != XenStoreErrno.ENOENT) {
                throw e;
            }
        }
    }
}

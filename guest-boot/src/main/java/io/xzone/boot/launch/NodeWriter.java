package io.xzone.boot.launch;

import io.xzone.boot.layout.XsNode;
import io.xzone.xen.XenStoreAccess;
import java.util.List;

/** Writes laid-out nodes through one xenstore access (usually a transaction): the value, then explicit permissions. */
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

}

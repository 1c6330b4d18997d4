package io.xzone.boot.launch;

import io.xzone.boot.layout.XsNode;
import io.xzone.xen.XenStoreAccess;
import io.xzone.xen.XenStorePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes laid-out nodes through one xenstore access (a launch's transaction, whose nodes are all new: the domain's
 * trees and its devices' under a domid Xen just handed out): the value, then the node's own permissions unless its
 * parent, written before it in the same batch, already has them. xenstored gives a node dom0 creates its parent's
 * permissions, so setting them again would be a request that changes nothing (libxl does set each one: for a PV zone
 * with its console this leaves out about 10 of ~90 requests).
 */
final class NodeWriter {
    private NodeWriter() {
    }

    static void write(XenStoreAccess access, List<XsNode> nodes) {
        // The permissions each node of the batch ends up with, for its children to inherit.
        Map<String, List<XenStorePermission>> written = new HashMap<>();
        for (XsNode node : nodes) {
            access.write(node.path(), node.value());
            List<XenStorePermission> inherited = written.get(parent(node.path()));
            if (node.hasOwnPerms() && !node.perms().equals(inherited)) {
                access.setPermissions(node.path(), node.perms());
            }
            List<XenStorePermission> effective = node.hasOwnPerms() ? node.perms() : inherited;
            if (effective != null) {
                written.put(node.path(), effective);
            }
        }
    }

    private static String parent(String path) {
        return path.substring(0, Math.max(1, path.lastIndexOf('/')));
    }
}

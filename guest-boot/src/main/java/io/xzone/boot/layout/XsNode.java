package io.xzone.boot.layout;

import io.xzone.xen.XenStorePermission;
import java.util.List;

/**
 * A xenstore node a launch writes: a path, its value ("" for a directory node) and, when set explicitly, its
 * permissions (empty: it inherits its parent's, as xenstored does for new nodes).
 */
public record XsNode(String path, String value, List<XenStorePermission> perms) {
    public XsNode {
        perms = List.copyOf(perms);
    }

    public boolean hasOwnPerms() {
        return !perms.isEmpty();
    }

    /** One line as xenstore-ls -p shows it, for --dry-run. */
    public String describe() {
        String text = path + " = \"" + value + "\"";
        return hasOwnPerms() ? text + "  (" + String.join(" ", perms.stream().map(XenStorePermission::toString).toList()) + ")" : text;
    }
}

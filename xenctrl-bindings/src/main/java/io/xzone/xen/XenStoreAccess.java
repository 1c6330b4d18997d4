package io.xzone.xen;

import java.util.List;
import java.util.Optional;

/**
 * Reads and writes on xenstore: directly through a {@link XenStore}, or inside a {@link XenStoreTransaction}. Paths
 * are absolute ({@code /local/domain/7/name}); values are UTF-8 text. Writing a node creates its missing parents,
 * and a new node inherits its parent's permissions. Every failure is a {@link XenException} naming the C call and the
 * path, e.g. {@code xs_directory(/vm/x) failed: ENOENT (no such file or directory)}.
 */
public interface XenStoreAccess {

    /** The node's value, or empty when the node does not exist (xs_read). */
    Optional<String> read(String path);

    /** Creates or replaces the node's value (xs_write). */
    void write(String path, String value);

    /** Creates the node with an empty value if it does not exist yet (xs_mkdir). */
    void mkdir(String path);

    /** Removes the node and everything below it (xs_rm); a missing node whose parent exists is not an error. */
    void rm(String path);

    /** The names (not paths) of the node's children (xs_directory); a missing node is an error (ENOENT). */
    List<String> directory(String path);

    /** The node's permissions, owner first (xs_get_permissions). */
    List<XenStorePermission> permissions(String path);

    /**
     * Replaces the node's permissions (xs_set_permissions). The first entry names the owner and the access of every
     * domain not listed after it; e.g. {@code [n0, r7]}: owned by dom0, readable by domain 7, hidden from the others.
     */
    void setPermissions(String path, List<XenStorePermission> permissions);
}

package io.xzone.xen;

import io.xzone.xen.raw.XsPermissions;

/**
 * One entry of a xenstore node's permission list ({@code struct xs_permissions}). In a list the first entry is the
 * owner (who may always read, write and set permissions) and its access is what every unlisted domain gets; the
 * entries after it grant listed domains their access.
 *
 * @param domid  a domain id (0 is dom0)
 * @param access what the domain may do
 */
public record XenStorePermission(int domid, Access access) {

    public XenStorePermission {
        if (domid < 0 || domid > 0xffff) {
            throw new IllegalArgumentException("xenstore permission domid out of range: " + domid);
        }
        if (access == null) {
            throw new IllegalArgumentException("xenstore permission for domain " + domid + " lacks an access");
        }
    }

    /** The owner entry of a list: owned by {@code domid}, with {@code others} for every unlisted domain. */
    public static XenStorePermission owner(int domid, Access others) {
        return new XenStorePermission(domid, others);
    }

    /** Access of one permission entry, with xenstore's letters (as xenstore-chmod takes them) and bits. */
    public enum Access {
        NONE('n', XsPermissions.XS_PERM_NONE), READ('r', XsPermissions.XS_PERM_READ), WRITE('w', XsPermissions.XS_PERM_WRITE),
        BOTH('b', XsPermissions.XS_PERM_READ | XsPermissions.XS_PERM_WRITE);

        private final char letter;
        private final int bits;

        Access(char letter, int bits) {
            this.letter = letter;
            this.bits = bits;
        }

        /** XS_PERM_READ (1) | XS_PERM_WRITE (2), as in {@code xs_permissions.perms}. */
        public int bits() {
            return bits;
        }

        /** The access in {@code perms}; bits other than read and write (daemon-internal flags) are ignored. */
        public static Access fromBits(int perms) {
            int rw = perms & BOTH.bits;
            for (Access access : values()) {
                if (access.bits == rw) {
                    return access;
                }
            }
            throw new AssertionError("unreachable: two bits have four values");
        }
    }

    /** The entry as xenstore-chmod and xenstore-ls -p write it, e.g. {@code r7}. */
    @Override
    public String toString() {
        return access.letter + Integer.toString(domid);
    }
}

package io.xzone.xen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.xzone.xen.XenStorePermission.Access;
import org.junit.jupiter.api.Test;

class XenStorePermissionTest {

    @Test
    void accessFromBitsIgnoresDaemonInternalFlags() {
        assertEquals(Access.NONE, Access.fromBits(0));
        assertEquals(Access.READ, Access.fromBits(1));
        assertEquals(Access.WRITE, Access.fromBits(2));
        assertEquals(Access.BOTH, Access.fromBits(3));
        // XS_PERM_OWNER (8) and XS_PERM_IGNORE (16) are xenstored's own marks, not access.
        assertEquals(Access.READ, Access.fromBits(8 | 16 | 1));
    }

    @Test
    void printsAsXenstoreChmodTakesIt() {
        assertEquals("n0", XenStorePermission.owner(0, Access.NONE).toString());
        assertEquals("b12", new XenStorePermission(12, Access.BOTH).toString());
    }

    @Test
    void refusesDomidsXenCannotHave() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new XenStorePermission(70000, Access.READ));
        assertEquals("xenstore permission domid out of range: 70000", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new XenStorePermission(-1, Access.READ));
        assertThrows(IllegalArgumentException.class, () -> new XenStorePermission(1, null));
    }
}

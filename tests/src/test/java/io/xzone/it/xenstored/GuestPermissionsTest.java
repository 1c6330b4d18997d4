package io.xzone.it.xenstored;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xzone.xen.JnaXenStore;
import io.xzone.xen.XenStore;
import io.xzone.xen.XenStorePermission;
import io.xzone.xen.XenStorePermission.Access;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Permissions set by dom0 (with xenstore-chmod, and through the binding) are enforced by the real xenstored on a
 * guest's requests, which come through the guest's ring as in production.
 */
@XenstoredTest
class GuestPermissionsTest {
    private static final int GUEST = 7;
    private static final GuestClient.Reply DENIED = new GuestClient.Reply(false, "EACCES");

    private Xenstored daemon;
    private XenStore store;
    private XenstoreTools tools;
    private GuestClient guest;

    @BeforeEach
    void introduceTheGuest(Xenstored running) {
        daemon = running;
        store = JnaXenStore.open(daemon.socket());
        store.introduceDomain(GUEST, 0xfeffeL, 1);
        tools = new XenstoreTools(daemon);
        guest = new GuestClient(daemon, GUEST);
    }

    @AfterEach
    void releaseTheGuest() {
        store.releaseDomain(GUEST);
        store.close();
    }

    @Test
    void xenstoreChmodDecidesWhatTheGuestMayReadAndWrite() {
        tools.run("xenstore-write", "/chmod/secret", "s");
        assertEquals(DENIED, guest.read("/chmod/secret"), "a node inheriting n0 from / is hidden from guests");

        tools.run("xenstore-chmod", "/chmod/secret", "n0", "r7");
        assertEquals(new GuestClient.Reply(true, "s"), guest.read("/chmod/secret"));
        assertEquals(DENIED, guest.write("/chmod/secret", "mine"));
        store.introduceDomain(GUEST + 1, 0xfeffdL, 1);
        assertEquals(DENIED, new GuestClient(daemon, GUEST + 1).read("/chmod/secret"), "r7 is for domain 7 only");
        store.releaseDomain(GUEST + 1);

        tools.run("xenstore-chmod", "/chmod/secret", "n0", "b7");
        assertEquals(new GuestClient.Reply(true, ""), guest.write("/chmod/secret", "mine"));
        assertEquals("mine\n", tools.run("xenstore-read", "/chmod/secret"));
    }

    @Test
    void bindingPermissionsAreWhatTheGuestGets() {
        store.write("/binding/home/state", "1");
        store.setPermissions("/binding/home", List.of(XenStorePermission.owner(GUEST, Access.NONE)));
        store.setPermissions("/binding/home/state", List.of(XenStorePermission.owner(0, Access.NONE),
                new XenStorePermission(GUEST, Access.READ)));

        assertEquals(new GuestClient.Reply(true, "state\n"), guest.directory("/binding/home"), "the owner lists its node");
        assertEquals(new GuestClient.Reply(true, "1"), guest.read("/binding/home/state"));
        assertEquals(DENIED, guest.write("/binding/home/state", "2"));
        assertEquals(new GuestClient.Reply(true, ""), guest.write("/binding/home/created", "by guest"));
        assertEquals(Optional.of("by guest"), store.read("/binding/home/created"));
        assertEquals(GUEST, store.permissions("/binding/home/created").get(0).domid(), "what a guest creates, it owns");
    }
}

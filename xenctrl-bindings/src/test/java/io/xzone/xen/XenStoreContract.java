package io.xzone.xen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.xen.XenStorePermission.Access;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What every {@link XenStore} must do, as C xenstored 4.17 does it. Runs against the fake (unit tier, this module)
 * and against the real daemon through the JNA binding (xenstored tier, tests module). Each test works below its own
 * path, so implementations may share one store across tests.
 */
public abstract class XenStoreContract {
    private static final Duration EVENT_WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger NEXT_DOMID = new AtomicInteger(100);

    protected XenStore store;
    protected String base;

    /** A new connection to the store under test (each test closes its own). */
    protected abstract XenStore connect();

    @BeforeEach
    void connect(TestInfo test) {
        store = connect();
        base = "/contract/" + test.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void disconnect() {
        store.close();
    }

    @Test
    void writesAndReadsBack() {
        store.write(base + "/name", "zone-a");
        store.write(base + "/utf8", "grüße ✓");
        assertEquals(Optional.of("zone-a"), store.read(base + "/name"));
        assertEquals(Optional.of("grüße ✓"), store.read(base + "/utf8"));
        store.write(base + "/name", "");
        assertEquals(Optional.of(""), store.read(base + "/name"));
    }

    @Test
    void readsMissingNodeAsEmpty() {
        assertEquals(Optional.empty(), store.read(base + "/missing"));
    }

    @Test
    void writeCreatesParentsAndDirectoryListsChildren() {
        store.write(base + "/device/vbd/51712/state", "1");
        store.write(base + "/device/vif/0/state", "1");
        store.write(base + "/device/console", "x");
        assertEquals(List.of("console", "vbd", "vif"), sorted(store.directory(base + "/device")));
        assertEquals(Optional.of(""), store.read(base + "/device/vbd"));
        assertEquals(List.of(), store.directory(base + "/device/console"));
    }

    @Test
    void directoryOfMissingNodeNamesCallAndPath() {
        XenException e = assertThrows(XenException.class, () -> store.directory(base + "/missing"));
        assertEquals(XenStoreErrno.ENOENT, e.errno());
        assertTrue(e.getMessage().startsWith("xs_directory(" + base + "/missing) failed: ENOENT"), e.getMessage());
    }

    @Test
    void mkdirCreatesEmptyNodeAndKeepsExistingOne() {
        store.mkdir(base + "/dir");
        assertEquals(Optional.of(""), store.read(base + "/dir"));
        store.write(base + "/kept", "value");
        store.mkdir(base + "/kept");
        assertEquals(Optional.of("value"), store.read(base + "/kept"));
    }

    @Test
    void rmRemovesSubtree() {
        store.write(base + "/a/b/c", "1");
        store.write(base + "/a/d", "2");
        store.rm(base + "/a");
        assertEquals(List.of(), store.directory(base));
        assertEquals(Optional.empty(), store.read(base + "/a/b/c"));
        store.rm(base + "/never-there");
        XenException e = assertThrows(XenException.class, () -> store.rm(base + "/no-parent/child"));
        assertEquals(XenStoreErrno.ENOENT, e.errno());
    }

    @Test
    void invalidPathIsRejected() {
        XenException e = assertThrows(XenException.class, () -> store.write(base + "/not valid", "x"));
        assertEquals(XenStoreErrno.EINVAL, e.errno());
        assertTrue(e.getMessage().contains("xs_write(" + base + "/not valid)"), e.getMessage());
    }

    @Test
    void permissionsRoundTripAndAreInherited() {
        store.write(base + "/guest", "");
        List<XenStorePermission> permissions = List.of(XenStorePermission.owner(0, Access.NONE),
                new XenStorePermission(7, Access.READ), new XenStorePermission(9, Access.BOTH),
                new XenStorePermission(11, Access.WRITE));
        store.setPermissions(base + "/guest", permissions);
        assertEquals(permissions, store.permissions(base + "/guest"));
        store.write(base + "/guest/child/leaf", "x");
        assertEquals(permissions, store.permissions(base + "/guest/child/leaf"));

        List<XenStorePermission> owned = List.of(XenStorePermission.owner(7, Access.READ));
        store.setPermissions(base + "/guest", owned);
        assertEquals(owned, store.permissions(base + "/guest"));
        assertEquals("[r7]", store.permissions(base + "/guest").toString());
    }

    @Test
    void nodesCreatedInATransactionInheritPermissionsSetEarlierInIt() {
        List<XenStorePermission> guestReads = List.of(XenStorePermission.owner(0, Access.NONE),
                new XenStorePermission(7, Access.READ));
        store.transactionally(tx -> {
            tx.write(base + "/dom", "");
            tx.setPermissions(base + "/dom", guestReads);
            tx.write(base + "/dom/cpu/0/availability", "online");
            return null;
        });

        assertEquals(guestReads, store.permissions(base + "/dom/cpu"));
        assertEquals(guestReads, store.permissions(base + "/dom/cpu/0/availability"));
    }

    @Test
    void permissionsOfMissingNodeFail() {
        assertEquals(XenStoreErrno.ENOENT, assertThrows(XenException.class, () -> store.permissions(base + "/missing")).errno());
        XenException e = assertThrows(XenException.class,
                () -> store.setPermissions(base + "/missing", List.of(XenStorePermission.owner(0, Access.NONE))));
        assertEquals(XenStoreErrno.ENOENT, e.errno());
    }

    @Test
    void transactionWritesLandAtCommit() {
        try (XenStoreTransaction transaction = store.startTransaction()) {
            transaction.write(base + "/a", "1");
            transaction.write(base + "/b", "2");
            assertEquals(Optional.of("1"), transaction.read(base + "/a"));
            assertEquals(Optional.empty(), store.read(base + "/a"), "a write leaked out of an open transaction");
            assertTrue(transaction.commit());
        }
        assertEquals(Optional.of("1"), store.read(base + "/a"));
        assertEquals(Optional.of("2"), store.read(base + "/b"));
    }

    @Test
    void abortedTransactionLeavesNoTrace() {
        store.write(base + "/kept", "before");
        try (XenStoreTransaction transaction = store.startTransaction()) {
            transaction.write(base + "/kept", "after");
            transaction.write(base + "/new", "x");
            transaction.abort();
        }
        try (XenStoreTransaction transaction = store.startTransaction()) {
            transaction.write(base + "/closed", "x");
        }
        assertEquals(Optional.of("before"), store.read(base + "/kept"));
        assertEquals(List.of("kept"), store.directory(base));
    }

    @Test
    void conflictingCommitFailsWithoutWriting() {
        store.write(base + "/counter", "1");
        try (XenStoreTransaction transaction = store.startTransaction()) {
            int value = Integer.parseInt(transaction.read(base + "/counter").orElseThrow());
            store.write(base + "/counter", "10");
            transaction.write(base + "/counter", Integer.toString(value + 1));
            transaction.write(base + "/side", "x");
            assertFalse(transaction.commit());
        }
        assertEquals(Optional.of("10"), store.read(base + "/counter"));
        assertEquals(Optional.empty(), store.read(base + "/side"));
    }

    @Test
    void transactionallyRetriesConflicts() {
        store.write(base + "/counter", "1");
        AtomicInteger attempts = new AtomicInteger();
        String result = store.transactionally(tx -> {
            int value = Integer.parseInt(tx.read(base + "/counter").orElseThrow());
            if (attempts.incrementAndGet() == 1) {
                store.write(base + "/counter", "10");
            }
            tx.write(base + "/counter", Integer.toString(value + 1));
            return "saw " + value;
        });
        assertEquals(2, attempts.get());
        assertEquals("saw 10", result);
        assertEquals(Optional.of("11"), store.read(base + "/counter"));
    }

    @Test
    void transactionallyGivesUpAfterBoundedAttempts() {
        store.write(base + "/counter", "0");
        AtomicInteger attempts = new AtomicInteger();
        XenException e = assertThrows(XenException.class, () -> store.transactionally(tx -> {
            tx.read(base + "/counter");
            store.write(base + "/counter", Integer.toString(attempts.incrementAndGet()));
            tx.write(base + "/counter", "mine");
            return null;
        }));
        assertEquals(XenStoreErrno.EAGAIN, e.errno());
        assertEquals(XenStore.TRANSACTION_ATTEMPTS, attempts.get());
        assertEquals(Optional.of(Integer.toString(XenStore.TRANSACTION_ATTEMPTS)), store.read(base + "/counter"));
    }

    @Test
    void failingWorkAbortsItsTransaction() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.transactionally(tx -> {
            tx.write(base + "/half", "written");
            throw new IllegalStateException("step 2 failed");
        }));
        assertEquals("step 2 failed", e.getMessage());
        assertEquals(Optional.empty(), store.read(base + "/half"));
    }

    @Test
    void watchFiresOnRegistrationAndOnChangesBelowIt() throws InterruptedException {
        store.write(base + "/zone/state", "initial");
        try (XenStoreWatch watch = store.watch(base + "/zone")) {
            assertEquals(Optional.of(base + "/zone"), watch.next(EVENT_WAIT));
            store.write(base + "/zone/state", "running");
            assertEquals(Optional.of(base + "/zone/state"), watch.next(EVENT_WAIT));
            store.write(base + "/elsewhere", "x");
            store.rm(base + "/zone/state");
            assertEquals(Optional.of(base + "/zone/state"), watch.next(EVENT_WAIT), "an unrelated write fired the watch");
            store.transactionally(tx -> {
                tx.write(base + "/zone/committed", "y");
                return null;
            });
            assertEquals(Optional.of(base + "/zone/committed"), watch.next(EVENT_WAIT));
        }
    }

    @Test
    void watchBelowRemovedNodeFiresWithItsOwnPath() throws InterruptedException {
        store.write(base + "/vm/device/state", "4");
        try (XenStoreWatch watch = store.watch(base + "/vm/device/state")) {
            assertEquals(Optional.of(base + "/vm/device/state"), watch.next(EVENT_WAIT));
            store.rm(base + "/vm");
            assertEquals(Optional.of(base + "/vm/device/state"), watch.next(EVENT_WAIT));
        }
    }

    @Test
    void introduceAndReleaseFireTheirWatches() throws InterruptedException {
        int domid = NEXT_DOMID.getAndIncrement();
        try (XenStoreWatch introduced = store.watch(XenStore.INTRODUCE_DOMAIN);
             XenStoreWatch released = store.watch(XenStore.RELEASE_DOMAIN)) {
            assertEquals(Optional.of(XenStore.INTRODUCE_DOMAIN), introduced.next(EVENT_WAIT));
            assertEquals(Optional.of(XenStore.RELEASE_DOMAIN), released.next(EVENT_WAIT));
            assertFalse(store.isDomainIntroduced(domid));

            store.introduceDomain(domid, 0xfefffL, 3);
            assertEquals(Optional.of(XenStore.INTRODUCE_DOMAIN), introduced.next(EVENT_WAIT));
            assertTrue(store.isDomainIntroduced(domid));

            store.releaseDomain(domid);
            assertEquals(Optional.of(XenStore.RELEASE_DOMAIN), released.next(EVENT_WAIT));
            assertFalse(store.isDomainIntroduced(domid));
        }
        XenException again = assertThrows(XenException.class, () -> store.releaseDomain(domid));
        assertEquals(XenStoreErrno.ENOENT, again.errno());
        assertTrue(again.getMessage().startsWith("xs_release_domain(" + domid + ") failed"), again.getMessage());
    }

    /**
     * xenstored 4.17 deletes the nodes a released domain owns (its frontends, for one), firing their watches, and
     * keeps the nodes it may only read: why a destroy disconnects devices before it releases the domain.
     */
    @Test
    void releaseDeletesTheNodesTheDomainOwns() throws InterruptedException {
        int domid = NEXT_DOMID.getAndIncrement();
        String front = base + "/front";
        String back = base + "/back";
        store.write(front + "/state", "4");
        store.setPermissions(front, List.of(new XenStorePermission(domid, Access.NONE), new XenStorePermission(0, Access.READ)));
        store.setPermissions(front + "/state", List.of(new XenStorePermission(domid, Access.NONE)));
        store.write(back + "/state", "4");
        store.setPermissions(back, List.of(new XenStorePermission(0, Access.NONE), new XenStorePermission(domid, Access.READ)));
        store.introduceDomain(domid, 0xfeffcL, 3);
        try (XenStoreWatch watch = store.watch(front + "/state")) {
            assertEquals(Optional.of(front + "/state"), watch.next(EVENT_WAIT));
            store.releaseDomain(domid);
            assertEquals(Optional.of(front + "/state"), watch.next(EVENT_WAIT));
        }
        assertEquals(Optional.empty(), store.read(front + "/state"));
        assertEquals(Optional.empty(), store.read(front));
        assertEquals(Optional.of("4"), store.read(back + "/state"));
    }

    @Test
    void introduceNeedsAnEventChannelAndDom0StaysIntroduced() {
        assertEquals(XenStoreErrno.EINVAL, assertThrows(XenException.class, () -> store.introduceDomain(NEXT_DOMID.getAndIncrement(), 1, 0)).errno());
        assertTrue(store.isDomainIntroduced(0));
        assertEquals(XenStoreErrno.EINVAL, assertThrows(XenException.class, () -> store.releaseDomain(0)).errno());
    }

    @Test
    void domainPathIsUnderLocalDomain() {
        assertEquals("/local/domain/7", store.domainPath(7));
        assertEquals("/local/domain/0", store.domainPath(0));
    }

    @Test
    void closedStoreRefusesCallsAndClosesTwice() {
        XenStore other = connect();
        other.close();
        other.close();
        XenException e = assertThrows(XenException.class, () -> other.read(base));
        assertTrue(e.getMessage().contains("xs_read(" + base + ")"), e.getMessage());
    }

    @Test
    void watchAndTransactionCloseQuietlyAfterTheirStore() throws InterruptedException {
        XenStore other = connect();
        XenStoreWatch watch = other.watch(base);
        XenStoreTransaction transaction = other.startTransaction();
        transaction.write(base + "/never", "x");
        assertEquals(Optional.of(base), watch.next(EVENT_WAIT));
        other.close();
        watch.close();
        transaction.close();
        assertEquals(Optional.empty(), store.read(base + "/never"));
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().collect(Collectors.toList());
    }
}

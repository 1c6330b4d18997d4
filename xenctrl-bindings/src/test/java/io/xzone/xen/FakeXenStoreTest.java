package io.xzone.xen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The fake passes the XenStore contract, plus what only a fake offers: injected failures and a dump. */
class FakeXenStoreTest extends XenStoreContract {
    private final FakeXenStore shared = new FakeXenStore();

    /** Every connection of one test talks to the same store, like connections to one daemon. */
    @Override
    protected XenStore connect() {
        return shared.connectAnother();
    }

    @Test
    void injectedFailureHitsTheNamedCallOnce() {
        shared.failNext("xs_write", XenStoreErrno.EACCES);
        XenException e = assertThrows(XenException.class, () -> store.write(base + "/x", "1"));
        assertEquals("xs_write(" + base + "/x) failed: EACCES (permission denied); injected by the test", e.getMessage());
        store.write(base + "/x", "1");
        assertEquals(Optional.of("1"), store.read(base + "/x"));
    }

    @Test
    void refusedCallsFailAtAndBelowTheirPathForGoodInsideTransactionsToo() {
        shared.failUnder("xs_write", base + "/dev", XenStoreErrno.EACCES);
        assertThrows(XenException.class, () -> store.write(base + "/dev", "1"));
        XenException e = assertThrows(XenException.class, () -> store.transactionally(tx -> {
            tx.write(base + "/dev/state", "5");
            return null;
        }));
        assertEquals("xs_write(" + base + "/dev/state) failed: EACCES (permission denied); refused by the test", e.getMessage());
        assertThrows(XenException.class, () -> store.write(base + "/dev/state", "5"));
        store.write(base + "/device", "1");
        store.rm(base + "/dev");
        assertEquals(Optional.of("1"), store.read(base + "/device"));
    }

    @Test
    void injectedCommitConflictIsRetried() {
        shared.failNext("xs_transaction_end", XenStoreErrno.EAGAIN);
        AtomicInteger attempts = new AtomicInteger();
        store.transactionally(tx -> {
            attempts.incrementAndGet();
            tx.write(base + "/x", "1");
            return null;
        });
        assertEquals(2, attempts.get());
    }

    @Test
    void dumpShowsTheSubtree() {
        store.write(base + "/a/b", "1");
        store.write(base + "/c", "2");
        Map<String, String> expected = new TreeMap<>(Map.of(base, "", base + "/a", "", base + "/a/b", "1", base + "/c", "2"));
        assertEquals(expected, shared.dump(base));
        assertTrue(shared.dump("/nothing").isEmpty());
    }
}

package io.xzone.it.xenstored;

import io.xzone.xen.JnaXenStore;
import io.xzone.xen.XenStore;
import io.xzone.xen.XenStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JNA binding passes the XenStore contract on the real C xenstored. */
@XenstoredTest
class JnaXenStoreContractTest extends XenStoreContract {
    private static Xenstored daemon;

    @BeforeAll
    static void daemon(Xenstored running) {
        daemon = running;
    }

    @AfterAll
    static void daemonSurvived() {
        if (!daemon.isAlive()) {
            throw new AssertionError("xenstored died during the contract tests; its log:\n" + daemon.logTail());
        }
    }

    @Override
    protected XenStore connect() {
        return JnaXenStore.open(daemon.socket());
    }
}

package io.xzone.xen;

import java.util.function.Function;

/**
 * A connection to xenstore, the configuration database of a Xen host, in plain Java. {@link JnaXenStore} talks to
 * the real xenstored through libxenstore; tests use the in-memory {@code io.xzone.xen.FakeXenStore} of the test-jar.
 * Both pass the same contract tests. Thread-safe; close it when done (idempotent).
 */
public interface XenStore extends XenStoreAccess, AutoCloseable {

    /** Special watch path: fires when a domain is introduced to xenstored. */
    String INTRODUCE_DOMAIN = "@introduceDomain";
    /** Special watch path: fires when a domain is released (or dies). */
    String RELEASE_DOMAIN = "@releaseDomain";
    /** How many times {@link #transactionally} runs its work before giving up on conflicts. */
    int TRANSACTION_ATTEMPTS = 16;

    /** Starts a transaction (xs_transaction_start); see {@link #transactionally} for the usual way. */
    XenStoreTransaction startTransaction();

    /**
     * Runs {@code work} in a transaction and commits it; when the commit conflicts with another writer (EAGAIN) the
     * work runs again in a fresh transaction, up to {@link #TRANSACTION_ATTEMPTS} times. The work must only act
     * through the given access (it may run more than once). Any exception from the work aborts the transaction.
     *
     * @return what the work returned in the attempt that committed
     */
    default <T> T transactionally(Function<XenStoreAccess, T> work) {
        for (int attempt = 1; attempt <= TRANSACTION_ATTEMPTS; attempt++) {
            try (XenStoreTransaction transaction = startTransaction()) {
                T result = work.apply(transaction);
                if (transaction.commit()) {
                    return result;
                }
            } catch (XenException e) {
                if (e.errno() != XenStoreErrno.EAGAIN) {
                    throw e;
                }
            }
        }
        throw new XenException("xs_transaction_end", XenStoreErrno.EAGAIN,
                "still conflicting with other writers after " + TRANSACTION_ATTEMPTS + " attempts");
    }

    /** Watches {@code path} and what is below it (xs_watch). */
    XenStoreWatch watch(String path);

    /**
     * Tells xenstored about a new domain's store ring and event channel (xs_introduce_domain), so the guest can
     * reach xenstore; fires {@link #INTRODUCE_DOMAIN}.
     */
    void introduceDomain(int domid, long storeMfn, int storePort);

    /** Makes xenstored forget a domain (xs_release_domain); fires {@link #RELEASE_DOMAIN}. */
    void releaseDomain(int domid);

    /** Whether xenstored knows the domain (xs_is_domain_introduced). */
    boolean isDomainIntroduced(int domid);

    /** The domain's home in xenstore, {@code /local/domain/<domid>} (xs_get_domain_path). */
    String domainPath(int domid);

    /** Closes the connection. Idempotent. */
    @Override
    void close();
}

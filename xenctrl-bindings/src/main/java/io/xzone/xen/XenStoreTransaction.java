package io.xzone.xen;

/**
 * A xenstore transaction (xs_transaction_start): its reads see one consistent state and its writes land together at
 * {@link #commit()}, or not at all. Prefer {@link XenStore#transactionally}, which retries conflicts.
 */
public interface XenStoreTransaction extends XenStoreAccess, AutoCloseable {

    /**
     * Ends the transaction, keeping its writes (xs_transaction_end). Returns false when another writer changed a node
     * this transaction used (EAGAIN): nothing was written and the work must be redone in a new transaction.
     */
    boolean commit();

    /** Ends the transaction, dropping its writes. */
    void abort();

    /** Aborts the transaction unless it was committed or aborted already. */
    @Override
    void close();
}

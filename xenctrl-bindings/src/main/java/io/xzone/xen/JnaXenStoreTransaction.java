package io.xzone.xen;

/** A libxenstore transaction: the {@link JnaXenStoreAccess} calls carry its id until xs_transaction_end. */
final class JnaXenStoreTransaction extends JnaXenStoreAccess implements XenStoreTransaction {
    private boolean ended;

    JnaXenStoreTransaction(XsSession session, int transaction) {
        super(session, transaction);
    }

    @Override
    public synchronized boolean commit() {
        return end(false);
    }

    @Override
    public synchronized void abort() {
        end(true);
    }

    /** Aborts an open transaction; once the connection is closed there is nothing left to abort (xenstored dropped it). */
    @Override
    public synchronized void close() {
        if (!ended && !session.isClosed()) {
            end(true);
        }
        ended = true;
    }

    /** xs_transaction_end; false when the commit conflicted (EAGAIN), which xenstored answers without writing. */
    private boolean end(boolean abort) {
        String subject = "t" + transaction + (abort ? ", abort" : ", commit");
        if (ended) {
            throw new XenException("xs_transaction_end(" + subject + ")", XenStoreErrno.EINVAL, "the transaction has ended already");
        }
        ended = true;
        return session.call("xs_transaction_end", subject, handle -> {
            if (session.lib().xs_transaction_end(handle, transaction, abort) != 0) {
                return true;
            }
            XenException failure = XenStoreFunnel.failure("xs_transaction_end", subject);
            if (failure.errno() == XenStoreErrno.EAGAIN && !abort) {
                return false;
            }
            throw failure;
        });
    }
}

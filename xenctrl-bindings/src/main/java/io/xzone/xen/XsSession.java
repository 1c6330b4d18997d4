package io.xzone.xen;

import io.xzone.xen.raw.LibXenStore;
import io.xzone.xen.raw.XsHandle;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * One open libxenstore handle and what must happen to it at the end: stop the watch reader, then xs_close, once.
 * Calls share a read lock so the handle is never freed under a running call. It is also the Cleaner's action, so it
 * must not refer to the {@link JnaXenStore} that owns it.
 */
final class XsSession implements Runnable {
    private static final int EBADF = 9;

    private final LibXenStore lib;
    private final XsHandle handle;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final XsWatchDispatcher watches;
    private boolean closed;

    XsSession(LibXenStore lib, XsHandle handle) {
        this.lib = lib;
        this.handle = handle;
        this.watches = new XsWatchDispatcher(lib, handle);
    }

    LibXenStore lib() {
        return lib;
    }

    XsWatchDispatcher watches() {
        return watches;
    }

    /** Runs one native call on the open handle; on a closed session, fails naming the call. */
    <T> T call(String call, String subject, Function<XsHandle, T> body) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new XenException(call + "(" + subject + ")", EBADF, "the xenstore connection is closed");
            }
            return body.apply(handle);
        } finally {
            lock.readLock().unlock();
        }
    }

    boolean isClosed() {
        lock.readLock().lock();
        try {
            return closed;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Closes the handle; idempotent. */
    @Override
    public void run() {
        watches.stop();
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                lib.xs_close(handle);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}

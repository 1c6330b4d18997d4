package io.xzone.xen;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import io.xzone.xen.raw.LibXenStore;
import io.xzone.xen.raw.LibcEnvironment;
import io.xzone.xen.raw.XsHandle;
import java.lang.ref.Cleaner;
import java.nio.file.Path;

/**
 * {@link XenStore} on the real xenstored through libxenstore.so.4. {@link #open()} connects the way the C tools do:
 * to {@code $XENSTORED_PATH} when set, else to the daemon's socket or /dev/xen/xenbus. Close it when done; a Cleaner
 * closes a forgotten one.
 */
public final class JnaXenStore extends JnaXenStoreAccess implements XenStore {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final String SOCKET_VARIABLE = "XENSTORED_PATH";

    private final Cleaner.Cleanable cleanable;

    private JnaXenStore(XsSession session) {
        super(session, LibXenStore.XBT_NULL);
        this.cleanable = CLEANER.register(this, session);
    }

    /** Connects to xenstored ($XENSTORED_PATH, else the default socket, else the xenbus device). */
    public static JnaXenStore open() {
        LibXenStore lib = XenStoreLibrary.get();
        String socket = lib.xs_daemon_socket();
        XsHandle handle = lib.xs_open(new NativeLong(0));
        if (handle == null) {
            XenException failure = XenStoreFunnel.failure("xs_open", socket);
            throw new XenException(failure.call(), failure.errno(), "is xenstored running, and may this user reach it?");
        }
        return new JnaXenStore(new XsSession(lib, handle));
    }

    /**
     * Connects to the xenstored listening on {@code socket}. libxenstore only takes the socket from the environment,
     * so XENSTORED_PATH is set in this process for the duration of the connect (other threads' getenv may see it).
     */
    public static JnaXenStore open(Path socket) {
        LibcEnvironment env = LibcEnv.INSTANCE;
        synchronized (JnaXenStore.class) {
            String previous = env.getenv(SOCKET_VARIABLE);
            env.setenv(SOCKET_VARIABLE, socket.toString(), 1);
            try {
                return open();
            } finally {
                if (previous == null) {
                    env.unsetenv(SOCKET_VARIABLE);
                } else {
                    env.setenv(SOCKET_VARIABLE, previous, 1);
                }
            }
        }
    }

    @Override
    public XenStoreTransaction startTransaction() {
        int id = session.call("xs_transaction_start", "", handle -> {
            int started = session.lib().xs_transaction_start(handle);
            if (started == LibXenStore.XBT_NULL) {
                throw XenStoreFunnel.failure("xs_transaction_start", "");
            }
            return started;
        });
        return new JnaXenStoreTransaction(session, id);
    }

    @Override
    public XenStoreWatch watch(String path) {
        XsWatchDispatcher dispatcher = session.watches();
        XenStoreWatchQueue queue = new XenStoreWatchQueue(path, closed -> unwatch(path, dispatcher.unregister(closed)));
        String token = dispatcher.register(queue);
        try {
            checked("xs_watch", path, handle -> session.lib().xs_watch(handle, path, token));
        } catch (XenException e) {
            dispatcher.unregister(queue);
            throw e;
        }
        return queue;
    }

    /** xs_unwatch; nothing to do once the connection is closed, as xenstored dropped its watches with it. */
    private void unwatch(String path, String token) {
        if (session.isClosed()) {
            return;
        }
        checked("xs_unwatch", path, handle -> session.lib().xs_unwatch(handle, path, token));
    }

    @Override
    public void introduceDomain(int domid, long storeMfn, int storePort) {
        checked("xs_introduce_domain", domid + ", mfn 0x" + Long.toHexString(storeMfn) + ", port " + storePort,
                handle -> session.lib().xs_introduce_domain(handle, domid, new NativeLong(storeMfn), storePort));
    }

    @Override
    public void releaseDomain(int domid) {
        checked("xs_release_domain", Integer.toString(domid), handle -> session.lib().xs_release_domain(handle, domid));
    }

    @Override
    public boolean isDomainIntroduced(int domid) {
        // libxenstore compares the reply with "F" and reports no failure of its own: a plain yes or no.
        return session.call("xs_is_domain_introduced", Integer.toString(domid),
                handle -> session.lib().xs_is_domain_introduced(handle, domid) != 0);
    }

    @Override
    public String domainPath(int domid) {
        return session.call("xs_get_domain_path", Integer.toString(domid), handle -> {
            Pointer path = XenStoreFunnel.check(session.lib().xs_get_domain_path(handle, domid), "xs_get_domain_path",
                    Integer.toString(domid));
            String text = path.getString(0, "UTF-8");
            XenStoreFunnel.free(path);
            return text;
        });
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    /** libc, loaded when a socket is named (the common path, {@link #open()}, never needs it). */
    private static final class LibcEnv {
        static final LibcEnvironment INSTANCE = Native.load("c", LibcEnvironment.class, LibXenStore.OPTIONS);
    }
}

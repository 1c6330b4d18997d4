package io.xzone.xen;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.xzone.xen.raw.LibXenStore;
import io.xzone.xen.raw.XsHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the watch events of one libxenstore handle on a daemon thread (started with the first watch) blocked in
 * xs_read_watch, and queues each on the watch its token names. To stop, it registers one more watch whose token means
 * "stop": xenstored fires every new watch at once, which wakes the thread, so it never has to be interrupted inside C.
 */
final class XsWatchDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(XsWatchDispatcher.class);
    private static final String STOP_TOKEN = "xzone-stop";
    private static final long STOP_WAIT_MS = 5_000;

    private final LibXenStore lib;
    private final XsHandle handle;
    private final Map<String, XenStoreWatchQueue> byToken = new ConcurrentHashMap<>();
    private final Map<XenStoreWatchQueue, String> tokens = new ConcurrentHashMap<>();
    private final AtomicLong nextToken = new AtomicLong();
    private Thread reader;

    XsWatchDispatcher(LibXenStore lib, XsHandle handle) {
        this.lib = lib;
        this.handle = handle;
    }

    /** A fresh token for a new watch, routed to {@code queue} from now on. */
    synchronized String register(XenStoreWatchQueue queue) {
        String token = "xzone-" + nextToken.incrementAndGet();
        byToken.put(token, queue);
        tokens.put(queue, token);
        if (reader == null) {
            reader = new Thread(this::dispatch, "xenstore-watch");
            reader.setDaemon(true);
            reader.start();
        }
        return token;
    }

    /** Stops routing events to {@code queue} and returns the token it had. */
    String unregister(XenStoreWatchQueue queue) {
        String token = tokens.remove(queue);
        if (token != null) {
            byToken.remove(token);
        }
        return token;
    }

    /** Ends the reader thread, if any; called before the handle is closed. */
    synchronized void stop() {
        if (reader == null || !reader.isAlive()) {
            return;
        }
        if (lib.xs_watch(handle, "/", STOP_TOKEN) == 0) {
            LOG.debug("xenstore watch reader: {}; the connection is gone, so the reader ends by itself",
                    XenStoreFunnel.failure("xs_watch", "/").getMessage());
        }
        try {
            reader.join(STOP_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader.isAlive()) {
            LOG.warn("xenstore watch reader did not stop within {} ms", STOP_WAIT_MS);
        }
    }

    private void dispatch() {
        IntByReference count = new IntByReference();
        while (true) {
            Pointer event = lib.xs_read_watch(handle, count);
            if (event == null) {
                LOG.debug("xenstore watch reader ends: {}", XenStoreFunnel.failure("xs_read_watch", "").getMessage());
                return;
            }
            String[] fields = event.getStringArray(0, count.getValue(), "UTF-8");
            XenStoreFunnel.free(event);
            String token = fields[LibXenStore.XS_WATCH_TOKEN];
            if (STOP_TOKEN.equals(token)) {
                return;
            }
            XenStoreWatchQueue queue = byToken.get(token);
            if (queue != null) {
                queue.fire(fields[LibXenStore.XS_WATCH_PATH]);
            }
        }
    }
}

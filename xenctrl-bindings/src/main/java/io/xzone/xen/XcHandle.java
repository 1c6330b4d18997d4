package io.xzone.xen;

import com.sun.jna.Native;
import io.xzone.xen.raw.LibXenCtrl;
import io.xzone.xen.raw.LibXenToolLog;
import io.xzone.xen.raw.NativeLibraries;
import io.xzone.xen.raw.XcInterface;
import io.xzone.xen.raw.XenToolLogger;
import java.lang.ref.Cleaner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open xc_interface and the logger it writes to. Close is idempotent; a Cleaner closes a handle that was dropped
 * without close. The libraries' own log lines go to stderr only when debug logging is on (--verbose): otherwise the
 * reason reaches the operator once, through {@link XenException}.
 */
final class XcHandle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(XcHandle.class);
    private static final Cleaner CLEANER = Cleaner.create();

    final LibXenCtrl xc;
    final XcInterface xch;
    final ErrorFunnel funnel;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean closed;

    private XcHandle(LibXenCtrl xc, XcInterface xch, Release release) {
        this.xc = xc;
        this.xch = xch;
        this.funnel = new ErrorFunnel(xc, xch, () -> closed);
        this.cleanable = CLEANER.register(this, release);
    }

    /**
     * Opens a handle; {@code flags} 0 for a real one, {@link LibXenCtrl#XC_OPENFLAG_DUMMY} for one that must make no
     * hypercall (the builder's ELF parse works on it). Failure is a {@link XenUnavailableException}.
     */
    static XcHandle open(int flags, String whyFailed) {
        LibXenCtrl xc = NativeLibraries.xenctrl();
        LibXenToolLog xtl = NativeLibraries.xentoollog();
        int level = LOG.isDebugEnabled() ? LibXenToolLog.XTL_DEBUG : LibXenToolLog.XTL_NUM_LEVELS;
        XenToolLogger logger = xtl.xtl_createlogger_stdiostream(NativeLibraries.cStderr(), level,
                LibXenToolLog.XTL_STDIOSTREAM_HIDE_PROGRESS);
        XcInterface xch = xc.xc_interface_open(logger, logger, flags);
        if (xch == null) {
            int errno = Native.getLastError();
            xtl.xtl_logger_destroy(logger);
            throw new XenUnavailableException(whyFailed + ": xc_interface_open failed with "
                    + XenException.describeErrno(errno) + hint(errno));
        }
        return new XcHandle(xc, xch, new Release(xc, xch, xtl, logger));
    }

    private static String hint(int errno) {
        return errno == 1 || errno == 13 ? "; run xzone as root in dom0" : "";
    }

    /** Idempotent; later calls through the funnel fail with IllegalStateException instead of crashing. */
    @Override
    public void close() {
        closed = true;
        cleanable.clean();
    }

    /** What the Cleaner runs: it must not reach the handle object, only the native pointers. */
    private static final class Release implements Runnable {
        private final LibXenCtrl xc;
        private final XcInterface xch;
        private final LibXenToolLog xtl;
        private final XenToolLogger logger;

        Release(LibXenCtrl xc, XcInterface xch, LibXenToolLog xtl, XenToolLogger logger) {
            this.xc = xc;
            this.xch = xch;
            this.xtl = xtl;
            this.logger = logger;
        }

        @Override
        public void run() {
            // Cleanable.clean runs this at most once, whether from close() or from the Cleaner.
            xc.xc_interface_close(xch);
            xtl.xtl_logger_destroy(logger);
        }
    }
}

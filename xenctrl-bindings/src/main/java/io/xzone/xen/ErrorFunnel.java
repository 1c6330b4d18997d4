package io.xzone.xen;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.xzone.xen.raw.LibXenCtrl;
import io.xzone.xen.raw.XcInterface;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The one way native calls on an xc handle are made: clear the handle's last error, call, and on failure read errno
 * and then xc_get_last_error at once, on the same thread, into a {@link XenException} naming the call and its
 * arguments. errno is zeroed before the call (many xc_dom_* failures set none, and a stale one would mislead) and
 * read first after it, because any later native call may change it.
 */
final class ErrorFunnel {
    private static final int XC_ERROR_NONE = 0;

    private final LibXenCtrl xc;
    private final XcInterface xch;
    private final BooleanSupplier closed;

    /** {@code closed} says whether the handle was closed: a call on a closed xc handle would crash the JVM. */
    ErrorFunnel(LibXenCtrl xc, XcInterface xch, BooleanSupplier closed) {
        this.xc = xc;
        this.xch = xch;
        this.closed = closed;
    }

    /** Runs a call returning int; a negative result is a failure. Returns the result. */
    int call(String description, IntSupplier nativeCall) {
        clear();
        int rc = nativeCall.getAsInt();
        if (rc < 0) {
            throw failure(description);
        }
        return rc;
    }

    /** Runs a call returning a pointer; null is a failure. */
    <T> T callForHandle(String description, Supplier<T> nativeCall) {
        clear();
        T result = nativeCall.get();
        if (result == null) {
            throw failure(description);
        }
        return result;
    }

    private void clear() {
        if (closed.getAsBoolean()) {
            throw new IllegalStateException("the Xen control handle is closed");
        }
        xc.xc_clear_last_error(xch);
        Native.setLastError(0);
    }

    private XenException failure(String description) {
        int errno = Native.getLastError();
        return new XenException(description, errno, lastError());
    }

    private String lastError() {
        Pointer error = xc.xc_get_last_error(xch);
        if (error == null) {
            return null;
        }
        int code = error.getInt(0);
        if (code == XC_ERROR_NONE) {
            return null;
        }
        String message = error.getString(LibXenCtrl.XC_ERROR_MESSAGE_OFFSET, "US-ASCII").strip();
        String kind = xc.xc_error_code_to_desc(code);
        return message.isEmpty() ? kind : kind + ": " + message;
    }
}

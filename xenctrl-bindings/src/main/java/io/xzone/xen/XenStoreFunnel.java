package io.xzone.xen;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The one place libxenstore results are checked. On failure errno is read at once, on the calling thread (JNA keeps
 * it per thread right after each call), and becomes a {@link XenException} naming the call and its subject (a path, a
 * domid), e.g. {@code xs_read(/local/domain/7/name) failed: EACCES (permission denied)}.
 */
final class XenStoreFunnel {
    private XenStoreFunnel() {
    }

    /** A C bool result: false is a failure. */
    static void check(byte ok, String call, String subject) {
        if (ok == 0) {
            throw failure(call, subject);
        }
    }

    /** A pointer result: NULL is a failure. */
    static Pointer check(Pointer result, String call, String subject) {
        if (result == null) {
            throw failure(call, subject);
        }
        return result;
    }

    /** The failure of the native call that just returned on this thread. */
    static XenException failure(String call, String subject) {
        int errno = Native.getLastError();
        return new XenException(call + "(" + subject + ")", errno, null);
    }

    /** Frees memory libxenstore malloc'd for a result. */
    static void free(Pointer result) {
        Native.free(Pointer.nativeValue(result));
    }
}

package io.xzone.xen.raw;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import io.xzone.xen.XenUnavailableException;

/** Loads the Xen libraries by soname, once; a missing one is one sentence, not an UnsatisfiedLinkError stack. */
public final class NativeLibraries {
    private NativeLibraries() {
    }

    private static LibXenCtrl xenctrl;
    private static LibXenGuest xenguest;
    private static LibXenToolLog xentoollog;

    // A failed load is not cached: every later use tries again and says the same sentence.

    public static synchronized LibXenCtrl xenctrl() {
        if (xenctrl == null) {
            xenctrl = load(LibXenCtrl.SONAME, LibXenCtrl.class);
        }
        return xenctrl;
    }

    public static synchronized LibXenGuest xenguest() {
        if (xenguest == null) {
            xenguest = load(LibXenGuest.SONAME, LibXenGuest.class);
        }
        return xenguest;
    }

    public static synchronized LibXenToolLog xentoollog() {
        if (xentoollog == null) {
            xentoollog = load(LibXenToolLog.SONAME, LibXenToolLog.class);
        }
        return xentoollog;
    }

    /** libc's {@code stderr} ({@code FILE *}), for the stdio logger. */
    public static Pointer cStderr() {
        return NativeLibrary.getInstance("c").getGlobalVariableAddress("stderr").getPointer(0);
    }

    static <T extends Library> T load(String soname, Class<T> type) {
        try {
            return Native.load(soname, type);
        } catch (UnsatisfiedLinkError e) {
            throw new XenUnavailableException(soname + " cannot be loaded (" + firstLine(e.getMessage())
                    + "); xzone needs Xen 4.17's libraries: install the Debian package xen-utils-4.17");
        }
    }

    private static String firstLine(String text) {
        return text == null ? "not found" : text.lines().findFirst().orElse("not found");
    }
}

package io.xzone.xen.raw;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * {@link LibXenStore} through JNA direct mapping: the same C functions bound as native methods, without the
 * interface proxy's per-call reflection (several microseconds a call, measured against a C client). Loading this
 * class loads the library; an {@link UnsatisfiedLinkError} means it is missing.
 */
public final class LibXenStoreDirect implements LibXenStore {
    static {
        Native.register(LibXenStoreDirect.class, NativeLibrary.getInstance(SONAME, OPTIONS));
    }

    @Override public native XsHandle xs_open(NativeLong flags);
    @Override public native void xs_close(XsHandle h);
    @Override public native String xs_daemon_socket();
    @Override public native Pointer xs_read(XsHandle h, int t, byte[] path, IntByReference len);
    @Override public native byte xs_write(XsHandle h, int t, byte[] path, byte[] data, int len);
    @Override public native byte xs_mkdir(XsHandle h, int t, byte[] path);
    @Override public native byte xs_rm(XsHandle h, int t, byte[] path);
    @Override public native Pointer xs_directory(XsHandle h, int t, byte[] path, IntByReference num);
    @Override public native Pointer xs_get_permissions(XsHandle h, int t, byte[] path, IntByReference num);
    @Override public native byte xs_set_permissions(XsHandle h, int t, byte[] path, int[] perms, int num);
    @Override public native int xs_transaction_start(XsHandle h);
    @Override public native byte xs_transaction_end(XsHandle h, int t, boolean abort);
    @Override public native byte xs_watch(XsHandle h, String path, String token);
    @Override public native byte xs_unwatch(XsHandle h, String path, String token);
    @Override public native int xs_fileno(XsHandle h);
    @Override public native Pointer xs_read_watch(XsHandle h, IntByReference num);
    @Override public native Pointer xs_check_watch(XsHandle h);
    @Override public native byte xs_introduce_domain(XsHandle h, int domid, NativeLong mfn, int eventchn);
    @Override public native byte xs_release_domain(XsHandle h, int domid);
    @Override public native Pointer xs_get_domain_path(XsHandle h, int domid);
    @Override public native byte xs_is_domain_introduced(XsHandle h, int domid);
}

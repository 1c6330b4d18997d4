package io.xzone.xen.raw;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * libxenstore.so.4 (Xen 4.17, symbol version VERS_4.0), C names unchanged. C {@code bool} returns are one byte
 * ({@code byte}, 0 = false, with errno set). {@code xs_transaction_t} is {@code int} (0 = XBT_NULL, no transaction).
 * Pointers returned by xs_read, xs_directory, xs_get_permissions, xs_read_watch, xs_check_watch and
 * xs_get_domain_path are malloc'd by the library: free them with libc free ({@code Native.free}). A {@code char **}
 * result is one block holding the array and its strings. Node paths are NUL-terminated UTF-8 byte arrays: JNA's
 * String conversion costs a JNI up-call per argument, about 1 us measured, on calls that take ~25 us of CPU. Load with
 * {@link #OPTIONS} so the remaining String arguments (watch paths, tokens) travel as UTF-8.
 */
public interface LibXenStore extends Library {
    String SONAME = "libxenstore.so.4";
    java.util.Map<String, Object> OPTIONS = java.util.Map.of(Library.OPTION_STRING_ENCODING, "UTF-8");

    int XBT_NULL = 0;
    /** Index of the path in a watch event ({@code enum xs_watch_type}). */
    int XS_WATCH_PATH = 0;
    /** Index of the token in a watch event. */
    int XS_WATCH_TOKEN = 1;

    /** flags: 0, XS_OPEN_READONLY (1) or XS_OPEN_SOCKETONLY (2). Honours the XENSTORED_PATH environment variable. */
    XsHandle xs_open(NativeLong flags);

    void xs_close(XsHandle h);

    /** The socket path xs_open tries first (XENSTORED_PATH, else the run folder's socket); static, never freed. */
    String xs_daemon_socket();

    Pointer xs_read(XsHandle h, int t, byte[] path, IntByReference len);

    byte xs_write(XsHandle h, int t, byte[] path, byte[] data, int len);

    byte xs_mkdir(XsHandle h, int t, byte[] path);

    byte xs_rm(XsHandle h, int t, byte[] path);

    Pointer xs_directory(XsHandle h, int t, byte[] path, IntByReference num);

    Pointer xs_get_permissions(XsHandle h, int t, byte[] path, IntByReference num);

    /** {@code perms}: {@code num} {@link XsPermissions} as (id, perms) pairs, {@code 2 * num} ints. */
    byte xs_set_permissions(XsHandle h, int t, byte[] path, int[] perms, int num);

    int xs_transaction_start(XsHandle h);

    byte xs_transaction_end(XsHandle h, int t, boolean abort);

    byte xs_watch(XsHandle h, String path, String token);

    byte xs_unwatch(XsHandle h, String path, String token);

    /** A file descriptor that is readable while watch events are queued. */
    int xs_fileno(XsHandle h);

    /** Blocks until a watch event arrives; returns {path, token} with {@code num} = 2, or NULL with errno. */
    Pointer xs_read_watch(XsHandle h, IntByReference num);

    /** Like xs_read_watch without blocking: NULL with errno EAGAIN when no event is queued. */
    Pointer xs_check_watch(XsHandle h);

    byte xs_introduce_domain(XsHandle h, int domid, NativeLong mfn, int eventchn);

    byte xs_release_domain(XsHandle h, int domid);

    Pointer xs_get_domain_path(XsHandle h, int domid);

    byte xs_is_domain_introduced(XsHandle h, int domid);
}

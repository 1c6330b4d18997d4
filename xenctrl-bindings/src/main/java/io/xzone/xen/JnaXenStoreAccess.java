package io.xzone.xen;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.xzone.xen.raw.XsHandle;
import io.xzone.xen.raw.XsPermissions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** {@link XenStoreAccess} through libxenstore, outside any transaction (id 0) or inside one. */
class JnaXenStoreAccess implements XenStoreAccess {
    /** Out-parameter for lengths and counts, one per thread: a fresh one per call costs a malloc and a Cleaner entry. */
    private static final ThreadLocal<IntByReference> OUT_COUNT = ThreadLocal.withInitial(IntByReference::new);

    protected final XsSession session;
    protected final int transaction;

    JnaXenStoreAccess(XsSession session, int transaction) {
        this.session = session;
        this.transaction = transaction;
    }

    @Override
    public Optional<String> read(String path) {
        byte[] cPath = cString(path);
        return session.call("xs_read", path, handle -> {
            IntByReference length = OUT_COUNT.get();
            Pointer value = session.lib().xs_read(handle, transaction, cPath, length);
            if (value == null) {
                XenException failure = XenStoreFunnel.failure("xs_read", path);
                if (failure.errno() == XenStoreErrno.ENOENT) {
                    return Optional.empty();
                }
                throw failure;
            }
            byte[] bytes = value.getByteArray(0, length.getValue());
            XenStoreFunnel.free(value);
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        });
    }

    @Override
    public void write(String path, String value) {
        byte[] cPath = cString(path);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        checked("xs_write", path, handle -> session.lib().xs_write(handle, transaction, cPath, bytes, bytes.length));
    }

    @Override
    public void mkdir(String path) {
        byte[] cPath = cString(path);
        checked("xs_mkdir", path, handle -> session.lib().xs_mkdir(handle, transaction, cPath));
    }

    @Override
    public void rm(String path) {
        byte[] cPath = cString(path);
        checked("xs_rm", path, handle -> session.lib().xs_rm(handle, transaction, cPath));
    }

    @Override
    public List<String> directory(String path) {
        byte[] cPath = cString(path);
        return session.call("xs_directory", path, handle -> {
            IntByReference count = OUT_COUNT.get();
            Pointer names = XenStoreFunnel.check(session.lib().xs_directory(handle, transaction, cPath, count), "xs_directory", path);
            List<String> children = count.getValue() == 0 ? List.of() : List.of(names.getStringArray(0, count.getValue(), "UTF-8"));
            XenStoreFunnel.free(names);
            return children;
        });
    }

    @Override
    public List<XenStorePermission> permissions(String path) {
        byte[] cPath = cString(path);
        return session.call("xs_get_permissions", path, handle -> {
            IntByReference count = OUT_COUNT.get();
            Pointer array = XenStoreFunnel.check(session.lib().xs_get_permissions(handle, transaction, cPath, count),
                    "xs_get_permissions", path);
            int[] pairs = array.getIntArray(0, count.getValue() * XsPermissions.INTS);
            List<XenStorePermission> permissions = new ArrayList<>(count.getValue());
            for (int i = 0; i < pairs.length; i += XsPermissions.INTS) {
                permissions.add(new XenStorePermission(pairs[i], XenStorePermission.Access.fromBits(pairs[i + 1])));
            }
            XenStoreFunnel.free(array);
            return List.copyOf(permissions);
        });
    }

    @Override
    public void setPermissions(String path, List<XenStorePermission> permissions) {
        byte[] cPath = cString(path);
        if (permissions.isEmpty()) {
            throw new XenException("xs_set_permissions(" + path + ")", XenStoreErrno.EINVAL, "a permission list needs an owner");
        }
        int[] pairs = new int[permissions.size() * XsPermissions.INTS];
        for (int i = 0; i < permissions.size(); i++) {
            pairs[i * XsPermissions.INTS] = permissions.get(i).domid();
            pairs[i * XsPermissions.INTS + 1] = permissions.get(i).access().bits();
        }
        checked("xs_set_permissions", path,
                handle -> session.lib().xs_set_permissions(handle, transaction, cPath, pairs, permissions.size()));
    }

    /** Runs a libxenstore call that returns a C bool through the funnel: false fails naming {@code call(subject)}. */
    protected void checked(String call, String subject, Function<XsHandle, Byte> body) {
        session.call(call, subject, handle -> {
            XenStoreFunnel.check(body.apply(handle), call, subject);
            return null;
        });
    }

    /** A NUL-terminated UTF-8 copy of {@code text}, as libxenstore's node calls take their path. */
    static byte[] cString(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(utf8, utf8.length + 1);
    }
}

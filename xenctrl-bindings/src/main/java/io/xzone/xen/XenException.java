package io.xzone.xen;

import java.util.Map;

/**
 * The one exception type of the binding layer: a native call failed. It names the call, its arguments and the reason
 * in words (errno name and text, plus the library's own last error when it keeps one), so the layers above can show it
 * to an operator as it is.
 */
public class XenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private static final Map<Integer, String> ERRNO_NAMES = Map.ofEntries(
            Map.entry(1, "EPERM (operation not permitted)"),
            Map.entry(2, "ENOENT (no such file or directory)"),
            Map.entry(3, "ESRCH (no such domain)"),
            Map.entry(5, "EIO (input/output error)"),
            Map.entry(7, "E2BIG (argument list too long)"),
            Map.entry(9, "EBADF (bad file descriptor)"),
            Map.entry(11, "EAGAIN (try again)"),
            Map.entry(12, "ENOMEM (out of memory)"),
            Map.entry(13, "EACCES (permission denied)"),
            Map.entry(14, "EFAULT (bad address)"),
            Map.entry(16, "EBUSY (device or resource busy)"),
            Map.entry(17, "EEXIST (already exists)"),
            Map.entry(19, "ENODEV (no such device)"),
            Map.entry(22, "EINVAL (invalid argument)"),
            Map.entry(28, "ENOSPC (no space left)"),
            Map.entry(34, "ERANGE (result out of range)"),
            Map.entry(38, "ENOSYS (function not implemented)"),
            Map.entry(61, "ENODATA (no data available)"),
            Map.entry(95, "EOPNOTSUPP (operation not supported)"),
            Map.entry(104, "ECONNRESET (connection reset)"),
            Map.entry(110, "ETIMEDOUT (timed out)"),
            Map.entry(111, "ECONNREFUSED (connection refused)"));

    private final String call;
    private final int errno;

    /**
     * @param call   the C function and its arguments as the reader should see them, e.g. {@code xs_read(/local/domain/7/name)}
     * @param errno  the errno read right after the call (0 when the library reported no errno)
     * @param detail the library's own error text, or null
     */
    public XenException(String call, int errno, String detail) {
        super(message(call, errno, detail));
        this.call = call;
        this.errno = errno;
    }

    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }

    /** Errno in words, e.g. "EACCES (permission denied)"; "errno N" for numbers not in the table. */
    public static String describeErrno(int errno) {
        return ERRNO_NAMES.getOrDefault(errno, "errno " + errno);
    }

    private static String message(String call, int errno, String detail) {
        StringBuilder text = new StringBuilder(call).append(" failed");
        if (errno != 0) {
            text.append(": ").append(describeErrno(errno));
        }
        if (detail != null && !detail.isBlank()) {
            text.append(errno != 0 ? "; " : ": ").append(detail.strip());
        }
        return text.toString();
    }
}

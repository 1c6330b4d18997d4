package io.xzone.xen.raw;

import com.sun.jna.LastErrorException;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/** Writing to a file descriptor the way C code must: all of it, across short writes and interruptions. */
public final class Descriptors {
    /** How long one wait for a non-blocking descriptor to take more lasts before {@code keepWaiting} is asked again. */
    private static final int WRITABLE_WAIT_MILLIS = 1000;

    private Descriptors() {
    }

    /**
     * Writes {@code len} bytes of {@code buf} from {@code off} to {@code fd}: again after a short write or EINTR, and
     * after EAGAIN (a descriptor someone set non-blocking) once poll says it takes more, for as long as
     * {@code keepWaiting} says so.
     *
     * @return false when {@code keepWaiting} said to stop before everything was written
     * @throws LastErrorException any other failure of write(2) (EPIPE, EIO, ENOSPC, ...)
     */
    public static boolean writeAll(int fd, byte[] buf, int off, int len, BooleanSupplier keepWaiting) {
        byte[] rest = off == 0 && len == buf.length ? buf : Arrays.copyOfRange(buf, off, off + len);
        while (rest.length > 0) {
            try {
                long written = LibC.write(fd, rest, rest.length);
                rest = Arrays.copyOfRange(rest, (int) written, rest.length);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EAGAIN) {
                    awaitWritable(fd);
                    if (!keepWaiting.getAsBoolean()) {
                        return false;
                    }
                } else if (e.getErrorCode() != LibC.EINTR) {
                    throw e;
                }
            }
        }
        return true;
    }

    private static void awaitWritable(int fd) {
        int[] pollFd = {fd, LibC.POLLOUT};
        try {
            LibC.poll(pollFd, 1, WRITABLE_WAIT_MILLIS);
        } catch (LastErrorException e) {
            // Interrupted: the caller's loop writes again.
        }
    }
}

package io.xzone.xen.pty;

import io.xzone.xen.XenException;
import io.xzone.xen.raw.Descriptors;
import io.xzone.xen.raw.LibC;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One open pseudo-terminal device (the slave side xenconsoled or QEMU publishes, like /dev/pts/3), in raw mode so that
 * no line discipline rewrites the guest's bytes (no echo, no CR/LF mapping, no signals on ^C). Reads wait with a
 * timeout so the thread that reads can be stopped; "the other side went away" (EOF, EIO, hang-up) is one answer, -1,
 * because that is how a guest being destroyed looks from here.
 *
 * <p>Why JNA and not {@code stty} plus a FileInputStream: a blocked FileInputStream read cannot be stopped, and EIO on
 * hang-up would arrive as an IOException indistinguishable from real failures. Reads, writes and close may come from
 * different threads: close waits for an ongoing read or write (at most one poll timeout) before it frees the fd.
 */
public final class PtyDevice implements AutoCloseable {
    /** Returned by {@link #read} when the other side is gone. */
    public static final int END = -1;

    /** The most one read returns; a pty hands over at most a few KiB at a time anyway. */
    public static final int MAX_READ = 64 * 1024;

    private final int fd;
    private final String name;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Reads land here, then are copied out: one native buffer per device instead of one per call. */
    private final Memory readBuffer = new Memory(MAX_READ);
    private final int[] pollFd = new int[2];
    private boolean closed;

    PtyDevice(int fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    /** Opens a terminal device read-write (never as our controlling terminal) and switches it to raw mode. */
    public static PtyDevice openRaw(String path) {
        int fd;
        try {
            fd = LibC.open(path, LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new XenException("open(" + path + ")", e.getErrorCode(), null);
        }
        PtyDevice device = new PtyDevice(fd, path);
        try {
            device.makeRaw();
        } catch (RuntimeException e) {
            device.close();
            throw e;
        }
        return device;
    }

    public String name() {
        return name;
    }

    void makeRaw() {
        byte[] termios = new byte[LibC.TERMIOS_SIZE];
        try {
            LibC.tcgetattr(fd, termios);
            LibC.cfmakeraw(termios);
            LibC.tcsetattr(fd, LibC.TCSANOW, termios);
        } catch (LastErrorException e) {
            throw new XenException("tcsetattr(" + name + ", raw)", e.getErrorCode(), null);
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for bytes and reads what is there (at most {@code len}, at most
     * {@link #MAX_READ}) into {@code buf} at {@code off}. One thread reads at a time.
     *
     * @return the number of bytes read, 0 on timeout, {@link #END} when the other side has gone away
     */
    public int read(byte[] buf, int off, int len, int timeoutMillis) {
        lock.readLock().lock();
        try {
            synchronized (readBuffer) {
                if (closed) {
                    return END;
                }
                int n = readLocked(readBuffer, Math.min(len, MAX_READ), timeoutMillis);
                if (n > 0) {
                    readBuffer.read(0, buf, off, n);
                }
                return n;
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@link #read(byte[], int, int, int)} into the whole of {@code buf}. */
    public int read(byte[] buf, int timeoutMillis) {
        return read(buf, 0, buf.length, timeoutMillis);
    }

    /**
     * Like {@link #read(byte[], int, int, int)}, but straight into a direct buffer between its position and limit (no
     * copy out of a native buffer), advancing its position. For readers that hand the bytes on to channels.
     */
    public int read(ByteBuffer into, int timeoutMillis) {
        if (!into.isDirect()) {
            throw new IllegalArgumentException("reading a pty straight into a buffer needs a direct buffer");
        }
        lock.readLock().lock();
        try {
            if (closed) {
                return END;
            }
            Pointer at = Native.getDirectBufferPointer(into).share(into.position());
            int n = readLocked(at, Math.min(into.remaining(), MAX_READ), timeoutMillis);
            if (n > 0) {
                into.position(into.position() + n);
            }
            return n;
        } finally {
            lock.readLock().unlock();
        }
    }

    private int readLocked(Pointer target, int len, int timeoutMillis) {
        try {
            synchronized (pollFd) {
                pollFd[0] = fd;
                pollFd[1] = LibC.POLLIN;
                if (LibC.poll(pollFd, 1, timeoutMillis) == 0) {
                    return 0;
                }
                if (((pollFd[1] >>> 16) & LibC.POLLIN) == 0) {
                    return END; // POLLHUP/POLLERR without data: the master side is closed
                }
            }
            long n = LibC.read(fd, target, len);
            return n == 0 ? END : (int) n;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.EIO) {
                return END;
            }
            if (e.getErrorCode() == LibC.EINTR || e.getErrorCode() == LibC.EAGAIN) {
                return 0;
            }
            throw new XenException("read(" + name + ")", e.getErrorCode(), null);
        }
    }

    /** Writes all of {@code buf[off, off+len)}. */
    public void write(byte[] buf, int off, int len) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new XenException("write(" + name + ")", LibC.EIO, "device closed");
            }
            try {
                Descriptors.writeAll(fd, buf, off, len, () -> true);
            } catch (LastErrorException e) {
                throw new XenException("write(" + name + ")", e.getErrorCode(), null);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                LibC.close(fd);
                readBuffer.close();
            }
        } catch (LastErrorException e) {
            // The fd is released by the kernel even when close reports an error; nothing left to undo.
        } finally {
            lock.writeLock().unlock();
        }
    }
}

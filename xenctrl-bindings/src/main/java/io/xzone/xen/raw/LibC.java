package io.xzone.xen.raw;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few libc calls xzone makes itself. The consoles use a pseudo-terminal the way {@code xl console} does: open the
 * pty, put it in raw mode, wait for data with a timeout (so a reader thread can be stopped), read and write. The
 * resident daemon writes into its clients' own output (a pidfd, and a copy of the client's descriptor taken with
 * pidfd_getfd: glibc 2.36, Linux 5.6) and makes its FIFOs without running mkfifo(1). C names unchanged,
 * JNA direct mapping (a console moves every byte through here; the interface proxy cost a third of the time).
 * {@code size_t}/{@code ssize_t} are {@code long} (64-bit Linux). {@code struct termios} is an opaque buffer only libc
 * reads and writes (60 bytes in glibc on x86_64 and aarch64; {@link #TERMIOS_SIZE} leaves room). {@code struct pollfd}
 * ({@code int fd; short events; short revents}) is two ints: {@code {fd, events | revents << 16}} on little-endian
 * hosts, which all of Xen's dom0 architectures are.
 */
public final class LibC {
    public static final int O_RDWR = 0x2;
    public static final int O_NOCTTY = 0x100;
    public static final int O_CLOEXEC = 0x80000;
    public static final int TCSANOW = 0;
    public static final int POLLIN = 0x1;
    public static final int POLLOUT = 0x4;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EIO = 5;
    public static final int TERMIOS_SIZE = 128;

    static {
        Native.register("c");
    }

    private LibC() {
    }

    public static native int open(String path, int flags) throws LastErrorException;

    public static native int close(int fd) throws LastErrorException;

    public static native long read(int fd, Pointer buf, long count) throws LastErrorException;

    public static native long write(int fd, byte[] buf, long count) throws LastErrorException;

    public static native int poll(int[] pollfd, long nfds, int timeoutMillis) throws LastErrorException;

    public static native int tcgetattr(int fd, byte[] termios) throws LastErrorException;

    public static native int tcsetattr(int fd, int optionalActions, byte[] termios) throws LastErrorException;

    public static native void cfmakeraw(byte[] termios);

    public static native int posix_openpt(int flags) throws LastErrorException;

    public static native int grantpt(int fd) throws LastErrorException;

    public static native int unlockpt(int fd) throws LastErrorException;

    public static native int ptsname_r(int fd, byte[] buf, long buflen);

    public static native int pidfd_open(int pid, int flags) throws LastErrorException;

    public static native int pidfd_getfd(int pidfd, int targetfd, int flags) throws LastErrorException;

    public static native int mkfifo(String path, int mode) throws LastErrorException;
}

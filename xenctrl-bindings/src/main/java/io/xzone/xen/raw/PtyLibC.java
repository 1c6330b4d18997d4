package io.xzone.xen.raw;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;

/**
 * The few libc calls the consoles need to use a pseudo-terminal the way {@code xl console} does: open the pty, put it
 * in raw mode, wait for data with a timeout (so a reader thread can be stopped), read and write. C names unchanged;
 * {@code size_t}/{@code ssize_t} are {@code long} (64-bit Linux). {@code struct termios} is handled as an opaque buffer
 * that only libc reads and writes (60 bytes in glibc on x86_64 and aarch64; {@link #TERMIOS_SIZE} leaves room).
 */
public interface PtyLibC extends Library {
    PtyLibC INSTANCE = Native.load("c", PtyLibC.class);

    int O_RDWR = 0x2;
    int O_NOCTTY = 0x100;
    int O_CLOEXEC = 0x80000;
    int TCSANOW = 0;
    short POLLIN = 0x1;
    short POLLERR = 0x8;
    short POLLHUP = 0x10;
    short POLLNVAL = 0x20;
    int EINTR = 4;
    int EAGAIN = 11;
    int EIO = 5;
    int TERMIOS_SIZE = 128;

    /** {@code struct pollfd}. */
    @Structure.FieldOrder({"fd", "events", "revents"})
    class PollFd extends Structure {
        public int fd;
        public short events;
        public short revents;
    }

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    long read(int fd, byte[] buf, long count) throws LastErrorException;

    long write(int fd, byte[] buf, long count) throws LastErrorException;

    int poll(PollFd fds, long nfds, int timeoutMillis) throws LastErrorException;

    int tcgetattr(int fd, byte[] termios) throws LastErrorException;

    int tcsetattr(int fd, int optionalActions, byte[] termios) throws LastErrorException;

    void cfmakeraw(byte[] termios);

    int posix_openpt(int flags) throws LastErrorException;

    int grantpt(int fd) throws LastErrorException;

    int unlockpt(int fd) throws LastErrorException;

    int ptsname_r(int fd, byte[] buf, long buflen);
}

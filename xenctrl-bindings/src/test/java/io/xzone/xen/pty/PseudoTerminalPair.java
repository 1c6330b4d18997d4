package io.xzone.xen.pty;

import io.xzone.xen.XenException;
import io.xzone.xen.raw.PtyLibC;
import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/**
 * A fresh pseudo-terminal pair, standing in for the one xenconsoled or QEMU creates for a guest: the test holds the
 * master (it is "the guest": what it writes, a console reader sees; what a viewer types, it reads) and hands out the
 * slave's path, as xenstore's console/tty node would. Closing the master is the guest going away.
 */
public final class PseudoTerminalPair implements AutoCloseable {
    private final PtyDevice master;
    private final String slavePath;

    private PseudoTerminalPair(PtyDevice master, String slavePath) {
        this.master = master;
        this.slavePath = slavePath;
    }

    public static PseudoTerminalPair open() {
        PtyLibC libc = PtyLibC.INSTANCE;
        int fd;
        try {
            fd = libc.posix_openpt(PtyLibC.O_RDWR | PtyLibC.O_NOCTTY | PtyLibC.O_CLOEXEC);
            libc.grantpt(fd);
            libc.unlockpt(fd);
        } catch (LastErrorException e) {
            throw new XenException("posix_openpt", e.getErrorCode(), null);
        }
        byte[] name = new byte[128];
        int rc = libc.ptsname_r(fd, name, name.length);
        if (rc != 0) {
            throw new XenException("ptsname_r", rc, null);
        }
        String path = Native.toString(name);
        PtyDevice master = new PtyDevice(fd, "ptmx for " + path);
        return new PseudoTerminalPair(master, path);
    }

    /** The guest's side. */
    public PtyDevice master() {
        return master;
    }

    /** The path a console client opens, as in /local/domain/N/console/tty. */
    public String slavePath() {
        return slavePath;
    }

    /** Writes text as the guest would print it. */
    public void guestPrints(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        master.write(bytes, 0, bytes.length);
    }

    @Override
    public void close() {
        master.close();
    }
}

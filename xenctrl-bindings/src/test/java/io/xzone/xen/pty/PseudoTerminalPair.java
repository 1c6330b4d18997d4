package io.xzone.xen.pty;

import io.xzone.xen.XenException;
import io.xzone.xen.raw.LibC;
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
        int fd;
        try {
            fd = LibC.posix_openpt(LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC);
            LibC.grantpt(fd);
            LibC.unlockpt(fd);
        } catch (LastErrorException e) {
            throw new XenException("posix_openpt", e.getErrorCode(), null);
        }
        byte[] name = new byte[128];
        int rc = LibC.ptsname_r(fd, name, name.length);
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

    /**
     * What the guest reads (what viewers typed), until it has read {@code expected} or 20 s have passed; the text
     * read either way, for the test's assertion to show.
     */
    public String guestReads(String expected) {
        StringBuilder text = new StringBuilder();
        byte[] buf = new byte[4096];
        long deadline = System.currentTimeMillis() + 20000;
        while (!text.toString().contains(expected) && System.currentTimeMillis() < deadline) {
            int n = master.read(buf, 100);
            if (n == PtyDevice.END) {
                break;
            }
            text.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    @Override
    public void close() {
        master.close();
    }
}

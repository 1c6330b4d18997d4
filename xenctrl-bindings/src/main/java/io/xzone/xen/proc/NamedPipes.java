package io.xzone.xen.proc;

import com.sun.jna.LastErrorException;
import io.xzone.xen.XenException;
import io.xzone.xen.raw.LibC;
import java.io.IOException;
import java.nio.file.Path;

/** FIFOs, which Java cannot make: mkfifo(3) here, where running mkfifo(1) would cost a fork and an exec. */
public final class NamedPipes {
    /** rw------- : only the owner may open it. */
    private static final int OWNER_ONLY = 0600;

    private NamedPipes() {
    }

    /** Makes a FIFO only its owner may open (less if the umask says so). */
    public static void make(Path fifo) throws IOException {
        try {
            LibC.mkfifo(fifo.toString(), OWNER_ONLY);
        } catch (LastErrorException e) {
            throw new IOException("mkfifo " + fifo + ": " + XenException.describeErrno(e.getErrorCode()));
        }
    }
}

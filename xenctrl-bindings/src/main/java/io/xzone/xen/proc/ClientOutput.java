package io.xzone.xen.proc;

import com.sun.jna.LastErrorException;
import io.xzone.xen.raw.LibC;
import java.io.OutputStream;
import java.util.Arrays;

/** Writes into a descriptor of our own that is a copy of one of a client's (see {@link ClientProcess#output}). */
final class ClientOutput extends OutputStream {
    private final ClientProcess client;
    private final int fd;
    private boolean dropping;
    private boolean closed;

    ClientOutput(ClientProcess client, int fd) {
        this.client = client;
        this.fd = fd;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) {
        if (closed || dropping || len == 0) {
            return;
        }
        if (!client.isAlive()) {
            dropping = true;
            return;
        }
        byte[] rest = off == 0 && len == bytes.length ? bytes : Arrays.copyOfRange(bytes, off, off + len);
        while (rest.length > 0 && !dropping) {
            rest = writeSome(rest);
        }
    }

    /** One write(2); what it did not take, or nothing once the output is to be dropped. */
    private byte[] writeSome(byte[] bytes) {
        try {
            long written = LibC.write(fd, bytes, bytes.length);
            return Arrays.copyOfRange(bytes, (int) written, bytes.length);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.EINTR) {
                return bytes;
            }
            if (e.getErrorCode() == LibC.EAGAIN) {
                // The client's file is non-blocking (a terminal some programs leave so): wait until it takes more.
                awaitWritable();
                return bytes;
            }
            // EPIPE (the reader is gone), EIO (the terminal hung up), ENOSPC: the client will never see more.
            dropping = true;
            return bytes;
        }
    }

    private void awaitWritable() {
        int[] pollFd = {fd, LibC.POLLOUT};
        try {
            LibC.poll(pollFd, 1, 1000);
        } catch (LastErrorException e) {
            // Retried by the caller's loop.
        }
        if (!client.isAlive()) {
            dropping = true;
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            ClientProcess.closeQuietly(fd);
        }
    }
}

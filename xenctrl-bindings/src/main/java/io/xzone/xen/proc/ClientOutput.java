package io.xzone.xen.proc;

import com.sun.jna.LastErrorException;
import io.xzone.xen.raw.Descriptors;
import java.io.OutputStream;

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
        try {
            dropping = !Descriptors.writeAll(fd, bytes, off, len, client::isAlive);
        } catch (LastErrorException e) {
            // EPIPE (the reader is gone), EIO (the terminal hung up), ENOSPC: the client will never see more.
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

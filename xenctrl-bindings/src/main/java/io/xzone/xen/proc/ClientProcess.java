package io.xzone.xen.proc;

import com.sun.jna.LastErrorException;
import io.xzone.xen.XenException;
import io.xzone.xen.raw.LibC;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Another process of this user (a client of the resident daemon), held by a pidfd, so that its output can be written
 * as its own: {@link #output} takes a copy of one of its descriptors (pidfd_getfd), the same open file as the client's
 * (same offset in a regular file, same pipe, same terminal), as if the client had passed it over a socket, which a
 * shell cannot do. The pidfd also says whether the process still runs, with no risk of a recycled pid.
 */
public final class ClientProcess implements AutoCloseable {
    private static final int ESRCH = 3;
    /** How often {@link #output} looks again (a millisecond apart) while the descriptor points at the passing file. */
    private static final int PASSING_ATTEMPTS = 1000;
    private final long pid;
    private final int pidfd;

    private ClientProcess(long pid, int pidfd) {
        this.pid = pid;
        this.pidfd = pidfd;
    }

    /**
     * The process, or empty when it has ended.
     *
     * @throws IOException when this kernel has no pidfds (Linux before 5.3)
     */
    public static Optional<ClientProcess> open(long pid) throws IOException {
        try {
            return Optional.of(new ClientProcess(pid, LibC.pidfd_open(Math.toIntExact(pid), 0)));
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ESRCH) {
                return Optional.empty();
            }
            throw new IOException("pidfd_open(" + pid + "): " + XenException.describeErrno(e.getErrorCode()));
        } catch (UnsatisfiedLinkError e) {
            throw new IOException("pidfd_open(" + pid + "): not in this C library (glibc 2.36 has it)");
        }
    }

    public long pid() {
        return pid;
    }

    /** Whether the process still runs (its pidfd turns readable when it ends). */
    public boolean isAlive() {
        int[] pollFd = {pidfd, LibC.POLLIN};
        try {
            return LibC.poll(pollFd, 1, 0) == 0;
        } catch (LastErrorException e) {
            return false;
        }
    }

    /**
     * A stream into the process's descriptor {@code fd} (1: its stdout, 2: its stderr). Writing never blocks the caller
     * on a gone client: once the process has ended, or its reader has (EPIPE), further output is dropped, as output to
     * a client who pressed Ctrl-C should be; a process that has ended already gets a stream that drops everything.
     *
     * @param passing a file the descriptor may point at for a moment, as a shell's does while a builtin such as echo
     *        writes into another file (the daemon's request FIFO): the descriptor is taken again once it no longer does
     * @throws IOException when the descriptor cannot be taken (closed in the client, or refused: pidfd_getfd needs
     *         the right to ptrace the process, Linux 5.6), or still points at {@code passing} after a second
     */
    public OutputStream output(int fd, Path passing) throws IOException {
        Object passingFile = Files.readAttributes(passing, BasicFileAttributes.class).fileKey();
        for (int attempt = 0; attempt < PASSING_ATTEMPTS; attempt++) {
            int copy;
            try {
                copy = LibC.pidfd_getfd(pidfd, fd, 0);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == ESRCH) {
                    return OutputStream.nullOutputStream();
                }
                throw new IOException("pidfd_getfd(fd " + fd + " of process " + pid + "): " + XenException.describeErrno(e.getErrorCode()));
            } catch (UnsatisfiedLinkError e) {
                throw new IOException("pidfd_getfd: not in this C library (glibc 2.36 has it)");
            }
            if (!passingFile.equals(Files.readAttributes(Path.of("/proc/self/fd/" + copy), BasicFileAttributes.class).fileKey())) {
                return new ClientOutput(this, copy);
            }
            closeQuietly(copy);
            pause();
        }
        throw new IOException("fd " + fd + " of process " + pid + " still points at " + passing);
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    @Override
    public void close() {
        closeQuietly(pidfd);
    }

    static void closeQuietly(int fd) {
        try {
            LibC.close(fd);
        } catch (LastErrorException e) {
            // Nothing to do about a close that failed: the descriptor is gone either way.
        }
    }
}

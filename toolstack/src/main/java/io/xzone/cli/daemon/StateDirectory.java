package io.xzone.cli.daemon;

import io.xzone.cli.CommandFailure;
import io.xzone.cli.ExitCode;
import io.xzone.xen.proc.NamedPipes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The daemon's private folder (root's /run/xzone by default, mode 0700): {@code daemon.lock} (held while the daemon
 * lives: one daemon per folder, and a daemon killed with -9 leaves no stale claim), {@code requests} (the FIFO
 * clients write the numbers of their slots into, one line each), the folder {@code slots} ({@link RequestSlots}) and
 * {@code daemon.pid} (written last: the daemon is ready). Closing it removes the pid file and the FIFO, and closes the
 * slots.
 */
final class StateDirectory implements AutoCloseable {
    static final String PID = "daemon.pid";
    static final String REQUESTS = "requests";
    private static final String LOCK = "daemon.lock";

    private final Path folder;
    private final FileLock lock;
    private final FileChannel requests;
    private final RequestSlots slots;

    private StateDirectory(Path folder, FileLock lock, FileChannel requests, RequestSlots slots) {
        this.folder = folder;
        this.lock = lock;
        this.requests = requests;
        this.slots = slots;
    }

    /** Makes the folder private to this user and claims it; fails (exit 1) if another live daemon serves it. */
    static StateDirectory claim(Path dir) {
        Path folder;
        FileChannel lockFile;
        try {
            Files.createDirectories(dir);
            folder = dir.toRealPath();
            String owner = Files.getOwner(folder).getName();
            if (!owner.equals(System.getProperty("user.name"))) {
                throw new CommandFailure(ExitCode.FAILED, folder + " belongs to " + owner + ", not to "
                        + System.getProperty("user.name") + " who runs the daemon; use another --dir");
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            lockFile = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.FAILED, "cannot prepare the daemon's folder " + dir + ": " + e.getMessage(), e);
        }
        try {
            FileLock lock = tryLock(lockFile);
            if (lock == null) {
                lockFile.close();
                throw new CommandFailure(ExitCode.FAILED, "another xzone daemon (pid "
                        + readPid(folder).orElse("unknown") + ") serves " + folder);
            }
            Files.deleteIfExists(folder.resolve(PID));
            Files.deleteIfExists(folder.resolve(REQUESTS));
            NamedPipes.make(folder.resolve(REQUESTS));
            // Read and write: the daemon is a writer of its own FIFO, so it never reads an end of file between clients.
            FileChannel requests = FileChannel.open(folder.resolve(REQUESTS), StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new StateDirectory(folder, lock, requests, RequestSlots.create(folder));
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.FAILED, "cannot prepare the daemon's folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel file) throws IOException {
        try {
            return file.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // this JVM serves it already
        }
    }

    static Optional<String> readPid(Path folder) {
        try {
            return Optional.of(Files.readString(folder.resolve(PID)).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    Path folder() {
        return folder;
    }

    FileChannel requests() {
        return requests;
    }

    RequestSlots slots() {
        return slots;
    }

    /** Says the daemon is ready: clients send requests once the pid file names a live process. */
    void ready() {
        try {
            Path partial = Files.writeString(folder.resolve(PID + ".partial"), ProcessHandle.current().pid() + "\n");
            Files.move(partial, folder.resolve(PID), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.resolve(PID) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            Files.deleteIfExists(folder.resolve(PID));
            Files.deleteIfExists(folder.resolve(REQUESTS));
            requests.close();
            slots.close();
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            // Exiting anyway: the next daemon clears what is left.
        }
    }
}

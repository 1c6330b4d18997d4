package io.xzone.cli.zone;

import io.xzone.cli.CommandFailure;
import io.xzone.cli.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one supervisor of a zone: a lock on {@code NAME.supervisor.lock} beside the spec `zone launch` saved, held by
 * whichever supervisor carries out the zone's on_poweroff/on_reboot/on_crash (a `zone supervise` process or a thread of
 * the daemon) for as long as it does. The kernel drops the lock when that process dies, however it dies, so a claim is
 * never stale. The file holds the holder's pid, for messages only.
 */
public final class SupervisorClaim implements AutoCloseable {
    private static final String SUFFIX = ".supervisor.lock";
    /**
     * The lock files this JVM holds. Its locks are POSIX record locks, which a process loses when it closes any
     * descriptor of the file: this JVM must never open a file it holds again, not even to read the pid.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path spec;
    private final Path file;
    private final FileLock lock;

    private SupervisorClaim(Path spec, Path file, FileLock lock) {
        this.spec = spec;
        this.file = file;
        this.lock = lock;
    }

    /** Claims the supervision of the zone saved in {@code spec}; fails (exit 1) naming the supervisor that has it. */
    public static SupervisorClaim claim(Path spec) {
        return tryClaim(spec).orElseThrow(() -> new CommandFailure(ExitCode.FAILED, "zone "
                + SavedSpecs.zoneName(spec) + " is supervised already (pid " + holder(spec) + ")"));
    }

    /** Claims the supervision of the zone saved in {@code spec}, unless a live supervisor has it. */
    public static Optional<SupervisorClaim> tryClaim(Path spec) {
        Path file = lockFile(spec);
        if (!HELD.add(file)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                HELD.remove(file);
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            return Optional.of(new SupervisorClaim(spec, file, lock));
        } catch (IOException e) {
            closeQuietly(channel);
            HELD.remove(file);
            throw new UncheckedIOException("cannot claim the supervision of zone " + SavedSpecs.zoneName(spec) + " (" + file + "): "
                    + e.getMessage(), e);
        }
    }

    /** The pid of the supervisor that holds the zone, as far as its lock file says. */
    static String holder(Path spec) {
        Path file = lockFile(spec);
        if (HELD.contains(file)) {
            return Long.toString(ProcessHandle.current().pid());
        }
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? "unknown" : pid;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The spec this claim supervises. */
    public Path spec() {
        return spec;
    }

    @Override
    public void close() {
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            // The lock goes with the descriptor anyway.
        } finally {
            HELD.remove(file);
        }
    }

    private static Path lockFile(Path spec) {
        Path absolute = spec.toAbsolutePath().normalize();
        return absolute.resolveSibling(SavedSpecs.zoneName(absolute) + SUFFIX);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Already failing: the caller reports the first error.
            }
        }
    }
}

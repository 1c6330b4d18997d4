package io.xzone.cli.daemon;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Named pipes: Java cannot make them (mkfifo(1) does) and opening one for writing waits for its reader. */
final class Fifos {
    private static final ScheduledExecutorService GUARDS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "xzone-fifo-guard");
        thread.setDaemon(true);
        return thread;
    });

    private Fifos() {
    }

    /** Makes a FIFO only its owner may open. */
    static void make(Path fifo) throws IOException {
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).redirectErrorStream(true).start();
        try {
            String output = new String(mkfifo.getInputStream().readAllBytes()).strip();
            if (mkfifo.waitFor() != 0) {
                throw new IOException("mkfifo " + fifo + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making " + fifo, e);
        }
    }

    /**
     * Opens the FIFO for writing once its reader has opened it. Writing to it before would lose the output (a FIFO
     * nobody holds open keeps no data) or fail; so this waits, as open(2) does, but not forever: once
     * {@code readerAlive} says no (asked every second) the wait is ended by opening the FIFO for reading here, and what is
     * then written goes nowhere (EPIPE, which the JVM turns into an IOException, not a signal).
     */
    static FileChannel openForWriting(Path fifo, BooleanSupplier readerAlive) throws IOException {
        ScheduledFuture<?> guard = GUARDS.scheduleWithFixedDelay(() -> {
            if (!readerAlive.getAsBoolean()) {
                try (FileChannel unblock = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    // Opening it is all it takes.
                } catch (IOException e) {
                    // Gone already: nothing waits on it any more.
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
        try {
            return FileChannel.open(fifo, StandardOpenOption.WRITE);
        } finally {
            guard.cancel(false);
        }
    }
}

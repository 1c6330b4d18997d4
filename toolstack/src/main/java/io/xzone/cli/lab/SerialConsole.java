package io.xzone.cli.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The lab machine's serial console (Xen's com1, which also carries dom0's hvc0): every line goes to the log file as it
 * arrives and stays in memory, so the lab can wait for a line and look at what was printed during a script.
 */
final class SerialConsole implements FlakeRetry.SerialWindow {
    private final Path logFile;
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    SerialConsole(Path logFile) {
        this.logFile = logFile;
    }

    Path logFile() {
        return logFile;
    }

    /** Reads the stream until it ends, on a daemon thread. */
    void follow(InputStream stream) {
        Thread reader = new Thread(() -> copy(stream), "lab-serial");
        reader.setDaemon(true);
        reader.start();
    }

    private void copy(InputStream stream) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String clean = line.replace("\r", "");
                log.write(clean);
                log.write('\n');
                log.flush();
                synchronized (this) {
                    lines.add(clean);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // The machine is gone; what was read is kept.
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /** The number of lines so far: a mark for {@link #since}. */
    @Override
    public synchronized int mark() {
        return lines.size();
    }

    @Override
    public synchronized List<String> since(int mark) {
        return new ArrayList<>(lines.subList(Math.min(mark, lines.size()), lines.size()));
    }

    synchronized List<String> lastLines(int count) {
        return since(Math.max(0, lines.size() - count));
    }

    /**
     * Waits for a line after the mark that matches; empty when the timeout passes, the console ends or the machine
     * stops being alive.
     */
    synchronized Optional<String> await(Predicate<String> wanted, int mark, Duration timeout, BooleanSupplier alive)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int next = mark;
        while (true) {
            for (; next < lines.size(); next++) {
                if (wanted.test(lines.get(next))) {
                    return Optional.of(lines.get(next));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended || !alive.getAsBoolean()) {
                return Optional.empty();
            }
            wait(Math.max(1, Math.min(left / 1_000_000, 500)));
        }
    }
}

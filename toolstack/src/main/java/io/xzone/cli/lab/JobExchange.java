package io.xzone.cli.lab;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The host side of the job agent in dom0 (see dom0-agent.sh): writes a script into the exchange share, streams its output
 * back as it grows and reads its exit status. One script at a time.
 */
final class JobExchange {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration KILL_GRACE = Duration.ofSeconds(15);

    private final Path jobs;
    private final Path share;
    private int counter;

    JobExchange(Path exchange) throws IOException {
        this.jobs = Files.createDirectories(exchange.resolve("jobs"));
        this.share = Files.createDirectories(exchange.resolve("share"));
    }

    /** The host side of dom0's /lab/share. */
    Path share() {
        return share;
    }

    /** Hands the script to dom0 and waits for its result; lines of output go to the listener as they arrive. */
    ScriptResult run(String script, Duration timeout, LabListener listener, BooleanSupplier labAlive)
            throws IOException, InterruptedException {
        String id = String.format("%04d", ++counter);
        Path pending = jobs.resolve(id + ".pending");
        Files.writeString(pending, script, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        Files.move(pending, jobs.resolve(id + ".sh"), StandardCopyOption.ATOMIC_MOVE);
        Path out = jobs.resolve(id + ".out");
        Path rc = jobs.resolve(id + ".rc");
        OutputFollower follower = new OutputFollower(out, listener);
        long deadline = start + timeout.toNanos();
        boolean killed = false;
        while (!Files.exists(rc)) {
            if (!labAlive.getAsBoolean()) {
                throw LabException.failed("the lab machine stopped while script " + id + " ran");
            }
            long now = System.nanoTime();
            if (!killed && now > deadline) {
                Files.writeString(jobs.resolve(id + ".kill"), "");
                killed = true;
                deadline = now + KILL_GRACE.toNanos();
            } else if (killed && now > deadline) {
                throw LabException.failed("dom0's job agent did not stop script " + id + " after its timeout");
            }
            follower.poll();
            Thread.sleep(POLL.toMillis());
        }
        follower.poll();
        follower.flush();
        int status = Integer.parseInt(Files.readString(rc).strip());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        for (String suffix : new String[] {".run", ".out", ".rc"}) {
            Files.deleteIfExists(jobs.resolve(id + suffix));
        }
        return new ScriptResult(script, status, follower.text(), took, killed, null);
    }

    /** Asks dom0 to power off (the agent does it within a fraction of a second). */
    void requestPoweroff() throws IOException {
        Files.writeString(jobs.resolve("poweroff"), "");
    }

    /** Reads a growing file and passes complete lines on. */
    private static final class OutputFollower {
        private final Path file;
        private final LabListener listener;
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private long offset;

        OutputFollower(Path file, LabListener listener) {
            this.file = file;
            this.listener = listener;
        }

        void poll() throws IOException {
            if (!Files.exists(file)) {
                return;
            }
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                in.seek(offset);
                byte[] buffer = new byte[8192];
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    offset += n;
                    all.write(buffer, 0, n);
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            listener.output(line.toString(StandardCharsets.UTF_8));
                            line.reset();
                        } else {
                            line.write(buffer[i]);
                        }
                    }
                }
            }
        }

        void flush() {
            if (line.size() > 0) {
                listener.output(line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
        }

        String text() {
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}

package io.xzone.it.xenstored;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The real xenstore-* command-line tools (package xenstore-utils), pointed at one harness daemon. */
public final class XenstoreTools {
    private final Xenstored daemon;

    public XenstoreTools(Xenstored daemon) {
        this.daemon = daemon;
    }

    /** Runs {@code tool args...} to completion and returns its standard output; a non-zero exit fails with its stderr. */
    public String run(String tool, String... args) {
        try {
            Process process = start(tool, args).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(tool + " did not finish within 30 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(tool + " " + String.join(" ", args) + " exited " + process.exitValue() + ": " + out.strip()
                        + (daemon.isAlive() ? "" : "\nxenstored died; its log:\n" + daemon.logTail()));
            }
            return out;
        } catch (IOException e) {
            throw new HarnessFailure(tool + " cannot run: " + e.getMessage() + " (install xenstore-utils: bin/setup-host)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + tool, e);
        }
    }

    /** A running {@code xenstore-watch PATH}: each line it prints (a path that fired) lands in {@link Watch#events()}. */
    public Watch watch(String path) {
        try {
            return new Watch(start("xenstore-watch", path).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        } catch (IOException e) {
            throw new HarnessFailure("xenstore-watch cannot run: " + e.getMessage() + " (install xenstore-utils: bin/setup-host)");
        }
    }

    private ProcessBuilder start(String tool, String... args) {
        List<String> command = new ArrayList<>(List.of(tool));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(daemon.clientEnvironment());
        return builder;
    }

    /** A watch held by a live xenstore-watch process; close ends the process. */
    public static final class Watch implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        private Watch(Process process) {
            this.process = process;
            Thread reader = new Thread(this::pump, "xenstore-watch-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        public BlockingQueue<String> events() {
            return events;
        }

        /** The next path that fired, or null after the timeout. */
        public String next(long timeout, TimeUnit unit) throws InterruptedException {
            return events.poll(timeout, unit);
        }

        private void pump() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    events.add(line);
                }
            } catch (IOException e) {
                // The process ended (close): no more events.
            }
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}

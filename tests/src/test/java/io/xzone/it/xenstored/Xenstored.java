package io.xzone.it.xenstored;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The unmodified C xenstored 4.17 running here without a hypervisor: started with --no-fork, its run folder (socket,
 * dom0's stand-in ring page and port) private to one test class, and the {@code xenstored-nohyp} LD_PRELOAD stub
 * standing in for Xen. Clients reach it through {@link #socket()}, e.g. with {@code XENSTORED_PATH} set from
 * {@link #clientEnvironment()}.
 */
public final class Xenstored implements AutoCloseable {
    /** Debian's xenstored (package xen-utils-4.17). */
    public static final Path DAEMON = Path.of("/usr/lib/xen-4.17/bin/xenstored");
    private static final long START_TIMEOUT_MS = 10_000;
    private static final int LOG_TAIL_LINES = 20;

    private static final String TRACE_FILE = "trace";

    private final Path runDir;
    private final Process process;
    private final XenstoredTrace trace;
    /** Kills the daemon if the JVM exits without closing it, so no daemon outlives an aborted test run. */
    private final Thread killAtExit;

    private Xenstored(Path runDir, Process process, boolean traced) {
        this.runDir = runDir;
        this.process = process;
        this.trace = traced ? new XenstoredTrace(runDir.resolve(TRACE_FILE)) : null;
        this.killAtExit = new Thread(process::destroyForcibly, "xenstored-" + process.pid() + "-kill-at-exit");
        Runtime.getRuntime().addShutdownHook(killAtExit);
    }

    /**
     * Starts a daemon in a fresh private folder and returns once its socket accepts connections.
     *
     * @param options more xenstored options, e.g. {@code -T trace-file} or quotas
     */
    public static Xenstored start(String... options) {
        return start(false, options);
    }

    /** Starts a daemon that traces every request and reply of every connection (xenstored -T), see {@link #trace()}. */
    public static Xenstored startTraced() {
        return start(true);
    }

    private static Xenstored start(boolean traced, String... options) {
        if (!Files.isExecutable(DAEMON)) {
            throw new HarnessFailure("xenstored not found at " + DAEMON + ": install xen-utils-4.17 (bin/setup-host)");
        }
        Path stub = Gcc.build("xenstored-nohyp.c", "libxenstored-nohyp.so",
                List.of("-shared", "-fPIC", "-Wno-unused-parameter"), List.of("-ldl"));
        Path runDir;
        try {
            // Unix socket paths are limited to 107 bytes: a short temporary folder, not the (maybe deep) build tree.
            runDir = Files.createTempDirectory("xzone-xenstored-");
        } catch (IOException e) {
            throw new HarnessFailure("cannot create a run folder for xenstored: " + e.getMessage());
        }
        List<String> command = new ArrayList<>(List.of(DAEMON.toString(), "--no-fork"));
        command.addAll(List.of(options));
        if (traced) {
            command.addAll(List.of("-T", runDir.resolve(TRACE_FILE).toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(runDir.resolve("xenstored.log").toFile());
        builder.environment().put("LD_PRELOAD", stub.toString());
        builder.environment().put("XENSTORED_RUNDIR", runDir.toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            deleteTree(runDir);
            throw new HarnessFailure("cannot start " + DAEMON + ": " + e.getMessage());
        }
        Xenstored daemon = new Xenstored(runDir, process, traced);
        try {
            daemon.awaitSocket();
        } catch (RuntimeException e) {
            daemon.close();
            throw e;
        }
        return daemon;
    }

    public Path socket() {
        return runDir.resolve("socket");
    }

    /** What a client process needs in its environment to talk to this daemon (libxenstore reads XENSTORED_PATH). */
    public Map<String, String> clientEnvironment() {
        return Map.of("XENSTORED_PATH", socket().toString());
    }

    public long pid() {
        return process.pid();
    }

    /** The daemon is still running; a test that suspects a crash can say so with {@link #logTail()}. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines the daemon printed. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(runDir.resolve("xenstored.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** What the daemon traced; only for a daemon from {@link #startTraced()}. */
    public XenstoredTrace trace() {
        if (trace == null) {
            throw new HarnessFailure("this xenstored was started without a trace: use @XenstoredTest(traced = true)");
        }
        return trace;
    }

    /** Stops the daemon (SIGTERM, then SIGKILL after 5 s) and removes its folder. Idempotent. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killAtExit);
        } catch (IllegalStateException e) {
            // The JVM is exiting: the hook kills the daemon anyway.
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteTree(runDir);
    }

    private void awaitSocket() {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new HarnessFailure("xenstored exited with status " + process.exitValue() + " at start; its log:\n" + logTail());
            }
            if (Files.exists(socket()) && accepts()) {
                return;
            }
            sleep(20);
        }
        throw new HarnessFailure("xenstored did not open " + socket() + " within " + START_TIMEOUT_MS / 1000 + " s; its log:\n" + logTail());
    }

    private boolean accepts() {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket()))) {
            return channel.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessFailure("interrupted while waiting for xenstored");
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Already gone, or a leftover in the temporary folder: nothing a test can act on.
        }
    }
}

package io.xzone.console.server;

import io.xzone.console.ConsoleTarget;
import io.xzone.console.ConsoleType;
import io.xzone.console.attach.AttachSession;
import io.xzone.console.attach.ConsoleLink;
import io.xzone.console.attach.EscapeKey;
import io.xzone.console.mux.PtyConsoleSource;
import io.xzone.xen.pty.PseudoTerminalPair;
import io.xzone.xen.pty.PtyDevice;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput and latency of a console seen through the console server (multiplexer, history, Unix socket to each
 * viewer) against reading the same kind of pty directly, in the same run: 1 and 8 viewers. Targets: at least 0.8x the
 * direct throughput, p99 added latency under 5 ms. Reported, not asserted (run with {@code mvn -P bench verify}).
 */
@Tag("bench")
class ConsoleBenchTest {
    private static final int BULK_BYTES = 32 << 20;
    private static final int PINGS = 1000;
    private static final int WARMUP_PINGS = 200;
    private static final int ROUNDS = 5;

    /** Something that reads what the guest prints: the pty itself, or n viewers through the server. */
    private interface Readers extends AutoCloseable {
        /** Blocks until every reader has received {@code total} bytes in all. */
        void awaitTotal(long total) throws InterruptedException;

        @Override
        void close() throws Exception;
    }

    /**
     * Counts bytes per reader thread; awaitTotal waits for the slowest one. It blocks rather than spins: on a small
     * loaded host a spinning waiter takes the CPU the readers need.
     */
    private static final class Counters {
        private final long[] received;

        Counters(int n) {
            received = new long[n];
        }

        synchronized void add(int reader, int n) {
            received[reader] += n;
            notifyAll();
        }

        synchronized void awaitTotal(long total) throws InterruptedException {
            for (long counter : received) {
                if (counter < total) {
                    wait();
                    awaitTotal(total);
                    return;
                }
            }
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static Readers direct(PseudoTerminalPair pair) {
        PtyDevice device = PtyDevice.openRaw(pair.slavePath());
        Counters counters = new Counters(1);
        daemon("direct-reader", () -> {
            byte[] buf = new byte[65536];
            for (int n; (n = device.read(buf, 200)) != PtyDevice.END; ) {
                counters.add(0, n);
            }
        });
        return new Readers() {
            @Override
            public void awaitTotal(long total) throws InterruptedException {
                counters.awaitTotal(total);
            }

            @Override
            public void close() {
                device.close();
            }
        };
    }

    /**
     * One viewer as {@code xzone console} is one: an {@link AttachSession} (raw terminal, the output copied to the
     * screen as it comes) on a terminal whose screen counts what reaches it and whose keyboard stays silent.
     */
    private static void view(ConsoleLink link, Counters counters, int reader) {
        OutputStream screen = new OutputStream() {
            @Override
            public void write(int b) {
                counters.add(reader, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                counters.add(reader, len);
            }
        };
        try (PipedOutputStream silent = new PipedOutputStream();
                Terminal terminal = new DumbTerminal(new PipedInputStream(silent), screen)) {
            new AttachSession(terminal, EscapeKey.DEFAULT).run(link);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Readers throughServer(PseudoTerminalPair pair, Path run, int viewers) throws IOException {
        ConsoleServer server = ConsoleServer.start(run.resolve("consoles.sock"),
                new ConsoleRegistry(PtyConsoleSource::open, null));
        ConsoleServers servers = new ConsoleServers(run.resolve("consoles.sock"), socket -> {
            throw new IOException("the bench runs its own server");
        });
        ConsoleTarget target = new ConsoleTarget(1, "bench", ConsoleType.PV, pair.slavePath());
        Counters counters = new Counters(viewers);
        List<ConsoleLink> links = new ArrayList<>();
        for (int i = 0; i < viewers; i++) {
            ConsoleLink link = servers.attach(target);
            links.add(link);
            int reader = i;
            daemon("viewer-" + i, () -> view(link, counters, reader));
        }
        return new Readers() {
            @Override
            public void awaitTotal(long total) throws InterruptedException {
                counters.awaitTotal(total);
            }

            @Override
            public void close() throws IOException {
                links.forEach(ConsoleLink::close);
                server.close();
            }
        };
    }

    /** CPU time of this whole process (guest writer, server and viewers alike), in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Context switches of each thread of this process so far, voluntary and forced (from /proc), by thread id: each is
     * a thread that ran out of work and waited, the main cost of moving small pieces between threads on a busy host.
     */
    private static Map<String, Long> contextSwitches() throws IOException {
        Map<String, Long> byThread = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.contains("ctxt_switches:")) {
                            byThread.merge(task.getFileName().toString(),
                                    Long.parseLong(line.substring(line.indexOf(':') + 1).strip()), Long::sum);
                        }
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile (no such file, or no such process)
                }
            }
        }
        return byThread;
    }

    /** Context switches since {@code before} of the threads alive now (the JVM ends idle compiler threads as it likes). */
    private static long contextSwitchesSince(Map<String, Long> before) throws IOException {
        long total = 0;
        for (Map.Entry<String, Long> now : contextSwitches().entrySet()) {
            total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }

    private record Bulk(double bytesPerSecond, double cpuMillisPerMiB, double switchesPerMiB) {
    }

    /**
     * Bytes per second from the guest's writes to the slowest reader's last byte, and the CPU time and context switches
     * all of it took per MiB: less at the mercy of other load on the host than the rate.
     */
    private static Bulk throughput(PseudoTerminalPair pair, Readers readers) throws InterruptedException, IOException {
        byte[] chunk = new byte[16384];
        Arrays.fill(chunk, (byte) 'x');
        Map<String, Long> switches = contextSwitches();
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        for (int sent = 0; sent < BULK_BYTES; sent += chunk.length) {
            pair.master().write(chunk, 0, chunk.length);
        }
        readers.awaitTotal(BULK_BYTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        int mebibytes = BULK_BYTES >> 20;
        return new Bulk(BULK_BYTES / seconds, (processCpuNanos() - cpu) / 1e6 / mebibytes,
                (double) contextSwitchesSince(switches) / mebibytes);
    }

    /** One-way latency of a 16-byte line, guest write to the slowest reader, in microseconds, sorted. */
    private static long[] latencies(PseudoTerminalPair pair, Readers readers, long already) throws InterruptedException {
        byte[] ping = "ping 0123456789\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long[] micros = new long[PINGS];
        long total = already;
        for (int i = -WARMUP_PINGS; i < PINGS; i++) {
            long start = System.nanoTime();
            pair.master().write(ping, 0, ping.length);
            total += ping.length;
            readers.awaitTotal(total);
            if (i >= 0) {
                micros[i] = (System.nanoTime() - start) / 1000;
            }
        }
        Arrays.sort(micros);
        return micros;
    }

    private record Run(Bulk bulk, long p50, long p99) {
    }

    private static Run measure(Path run, int viewers) throws Exception {
        try (PseudoTerminalPair pair = PseudoTerminalPair.open();
                Readers readers = viewers == 0 ? direct(pair) : throughServer(pair, run, viewers)) {
            Bulk bulk = throughput(pair, readers);
            long[] micros = latencies(pair, readers, BULK_BYTES);
            return new Run(bulk, micros[PINGS / 2], micros[PINGS * 99 / 100]);
        }
    }

    /** The median of several rounds, each configuration measured in turn, so load from elsewhere hits all alike. */
    private static Run median(List<Run> runs) {
        return new Run(new Bulk(median(runs, run -> run.bulk().bytesPerSecond()),
                median(runs, run -> run.bulk().cpuMillisPerMiB()), median(runs, run -> run.bulk().switchesPerMiB())),
                (long) median(runs, Run::p50), (long) median(runs, Run::p99));
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /** The host's 1, 5 and 15 minute load averages: the rate follows the CPU left over on a busy host. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    @Test
    void multiplexerAgainstThePtyDirectly(@TempDir Path run) throws Exception {
        int[] configurations = {0, 1, 8};
        for (int viewers : configurations) {
            measure(run, viewers); // warm the JIT up on every path before the numbers that count
        }
        List<List<Run>> runs = new ArrayList<>();
        for (int c = 0; c < configurations.length; c++) {
            runs.add(new ArrayList<>());
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (int c = 0; c < configurations.length; c++) {
                runs.get(c).add(measure(run, configurations[c]));
            }
        }
        Run direct = median(runs.get(0));
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "console bench: %d MiB bulk, %d pings, median of %d rounds, load average %s; direct pty read: %.0f MiB/s "
                        + "(CPU %.1f ms/MiB, %.0f context switches/MiB), latency p50 %d us, p99 %d us%n",
                BULK_BYTES >> 20, PINGS, ROUNDS, loadAverage(), direct.bulk().bytesPerSecond() / (1 << 20),
                direct.bulk().cpuMillisPerMiB(), direct.bulk().switchesPerMiB(), direct.p50(), direct.p99()));
        for (int c = 1; c < configurations.length; c++) {
            Run mux = median(runs.get(c));
            int viewers = configurations[c];
            report.append(String.format(Locale.ROOT,
                    "  %d viewer%s through the server: %.0f MiB/s (%.2fx direct, target >= 0.8x; CPU %.1f ms/MiB, %.0f "
                            + "context switches/MiB); latency p50 %d us, p99 %d us; added p99 %.2f ms (target < 5 ms)%n",
                    viewers, viewers == 1 ? "" : "s", mux.bulk().bytesPerSecond() / (1 << 20),
                    mux.bulk().bytesPerSecond() / direct.bulk().bytesPerSecond(), mux.bulk().cpuMillisPerMiB(),
                    mux.bulk().switchesPerMiB(), mux.p50(), mux.p99(), (mux.p99() - direct.p99()) / 1000.0));
        }
        System.out.print(report);
        Path out = Path.of(System.getProperty("xzone.project.root", "."), "console", "target", "bench");
        Files.createDirectories(out);
        Files.writeString(out.resolve("console.txt"), report);
    }
}

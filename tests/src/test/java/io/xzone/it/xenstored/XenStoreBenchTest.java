package io.xzone.it.xenstored;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.xen.JnaXenStore;
import io.xzone.xen.XenStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Write+read round trips on one real xenstored: the JNA binding against a C client linked with libxenstore
 * (src/test/c/xenstore-roundtrips.c), in alternating rounds of the same run. Reports pairs per second (best round of
 * each: the least disturbed by other load) and the client's CPU time per pair (which other load barely moves), prints
 * them and writes them to target/bench/xenstore.txt. The ratio is reported, not asserted (target: 0.9x or better).
 */
@XenstoredTest
@Tag("bench")
class XenStoreBenchTest {
    private static final int WARMUP = 5_000;
    private static final int PAIRS = 5_000;
    private static final int ROUNDS = 8;

    /** One timed round: pairs, wall-clock and client CPU nanoseconds. */
    record Round(long pairs, long wallNanos, long cpuNanos) {
        double pairsPerSecond() {
            return pairs * 1e9 / wallNanos;
        }

        double cpuMicrosPerPair() {
            return cpuNanos / 1e3 / pairs;
        }
    }

    @Test
    void bindingRoundTripsAgainstTheCClient(Xenstored daemon) throws Exception {
        Path client = Gcc.build("xenstore-roundtrips.c", "xenstore-roundtrips", List.of(), List.of("-lxenstore"));
        List<Round> c = new ArrayList<>();
        List<Round> java = new ArrayList<>();
        try (XenStore store = JnaXenStore.open(daemon.socket())) {
            javaRoundTrips(store, WARMUP);
            for (int round = 0; round < ROUNDS; round++) {
                c.add(cRoundTrips(daemon, client));
                java.add(javaRoundTrips(store, PAIRS));
            }
        }
        Round cBest = fastest(c);
        Round javaBest = fastest(java);
        double cCpu = median(c);
        double javaCpu = median(java);
        String report = String.format(Locale.ROOT,
                "xenstore write+read pairs, %d rounds of %d alternating:%n"
                        + "  best round: C libxenstore %.0f pairs/s, JNA binding %.0f pairs/s, ratio %.2f%n"
                        + "  client CPU per pair (median): C %.1f us, JNA %.1f us, ratio %.2f%n"
                        + "  C pairs/s by round:   %s%n  JNA pairs/s by round: %s%n",
                ROUNDS, PAIRS, cBest.pairsPerSecond(), javaBest.pairsPerSecond(),
                javaBest.pairsPerSecond() / cBest.pairsPerSecond(), cCpu, javaCpu, cCpu / javaCpu, rates(c), rates(java));
        System.out.print(report);
        Path out = Gcc.moduleDir().resolve("target/bench/xenstore.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        assertTrue(cBest.pairsPerSecond() > 0 && javaBest.pairsPerSecond() > 0 && javaCpu > 0 && cCpu > 0, report);
    }

    /** {@code pairs} write+read round trips through the binding, each read checked against what was written. */
    private static Round javaRoundTrips(XenStore store, int pairs) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < pairs; i++) {
            String value = Integer.toString(i);
            store.write("/bench/java", value);
            Optional<String> back = store.read("/bench/java");
            if (back.isEmpty() || !back.get().equals(value)) {
                throw new AssertionError("read " + back + " after writing " + value);
            }
        }
        long wall = System.nanoTime() - start;
        return new Round(pairs, wall, threads.getCurrentThreadCpuTime() - cpuStart);
    }

    private static Round cRoundTrips(Xenstored daemon, Path client) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(client.toString(), "/bench/c", Integer.toString(WARMUP), Integer.toString(PAIRS))
                .redirectErrorStream(true);
        builder.environment().putAll(daemon.clientEnvironment());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the C client did not finish");
        assertEquals(0, process.exitValue(), "the C client failed: " + out);
        String[] fields = out.split(" ");
        return new Round(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]));
    }

    private static Round fastest(List<Round> rounds) {
        return rounds.stream().max(Comparator.comparingDouble(Round::pairsPerSecond)).orElseThrow();
    }

    private static double median(List<Round> rounds) {
        double[] cpu = rounds.stream().mapToDouble(Round::cpuMicrosPerPair).sorted().toArray();
        return (cpu[(cpu.length - 1) / 2] + cpu[cpu.length / 2]) / 2;
    }

    private static String rates(List<Round> rounds) {
        return rounds.stream().map(round -> String.format(Locale.ROOT, "%.0f", round.pairsPerSecond())).toList().toString();
    }
}

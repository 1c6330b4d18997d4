package io.xzone.it.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.Lab;
import io.xzone.it.lab.TinyGuest;
import io.xzone.it.lab.XenLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * `xzone zone launch` against `xl create` in the same lab boot, on the same tiny PV guest: wall time from command start
 * to the command's return (both return once the domain is unpaused), 5 runs each, and the xenstore requests each makes
 * (counted in xenstored's trace, switched on with xenstore-control logfile). xzone runs through the launcher on dom0's
 * PATH as shipped; its class data archive is built once first ({@code XZONE_CDS=now}, timed and reported), and the
 * same launch without the archive ({@code XZONE_CDS=off}) is measured alongside; then the resident daemon is started
 * ({@code xzone daemon}, timed until ready) and the same launch through it ({@code XZONE_DAEMON=on}: bin/xzone as a
 * shell client, no JVM of the command's own), the JVM rows with {@code XZONE_DAEMON=off}. Reported, never asserted on
 * speed.
 */
@XenLab
@Tag("bench")
class ZoneLaunchBenchTest {
    private static final int RUNS = 5;
    private static final String TRACE = "/tmp/xenstored-trace.log";

    /** One measured launch: seconds, all requests xenstored saw, and the requests of the busiest connection. */
    record Run(double seconds, int requests, int toolRequests) {
    }

    @Test
    void xzoneLaunchAgainstXlCreate(Lab lab) throws IOException {
        lab.runOk("cat > /tmp/bench.cfg <<'EOF'\n" + TinyGuest.config("bench", "pv").replace("xzone.then=poweroff", "xzone.then=shell") + "EOF");
        String archive = lab.runOk(String.join("\n",
                "start=$(cut -d' ' -f1 /proc/uptime)",
                "XZONE_CDS=now " + ZoneScripts.XZONE + " --version",
                "end=$(cut -d' ' -f1 /proc/uptime)",
                "echo \"archive: XZONE_CDS=now xzone --version took $(awk -v s=$start -v e=$end 'BEGIN { printf \"%.1f\", e - s }')"
                        + " s (building the archive, or finishing a build an earlier command of this boot started)\"",
                "ls -l /var/cache/xzone/*/xzone.jsa || tail -20 /var/cache/xzone/*/build.log")).output();
        String launch = " zone launch --no-supervise " + ZoneScripts.launchFlags("bench", "pv", "shell");
        String started = Dom0Daemon.start(lab);
        // The first launch a fresh daemon serves still runs code its warm-up could not reach (the domain build): timed
        // on its own, the rows below are the daemon's steady state.
        Run first = measure(lab, "XZONE_DAEMON=on " + ZoneScripts.XZONE + launch);
        String daemonLog = "";
        List<Run> resident = new ArrayList<>();
        List<Run> xzone = new ArrayList<>();
        List<Run> noArchive = new ArrayList<>();
        List<Run> xl = new ArrayList<>();
        try {
            for (int i = 0; i < RUNS; i++) {
                resident.add(measure(lab, "XZONE_DAEMON=on " + ZoneScripts.XZONE + launch));
                xzone.add(measure(lab, "XZONE_DAEMON=off " + ZoneScripts.XZONE + launch));
                noArchive.add(measure(lab, "XZONE_DAEMON=off XZONE_CDS=off " + ZoneScripts.XZONE + launch));
                xl.add(measure(lab, "xl create /tmp/bench.cfg"));
            }
        } finally {
            daemonLog = Dom0Daemon.log(lab);
            Dom0Daemon.stop(lab);
        }
        String report = String.join("\n",
                "zone launch vs xl create, tiny PV guest, lab (Xen 4.17 in QEMU TCG), " + RUNS + " runs each",
                archive.lines().filter(l -> l.startsWith("archive: ")).findFirst().orElse("archive: not built"),
                started.lines().filter(l -> l.startsWith("daemon: ") || l.contains("warmed up")).reduce((a, b) -> a + "\n" + b).orElse(""),
                String.format("first launch through the fresh daemon: %.1f s", first.seconds()),
                "resident (xzone daemon):    seconds " + seconds(resident) + ", median " + median(resident, Run::seconds),
                "xzone zone launch (a JVM):  seconds " + seconds(xzone) + ", median " + median(xzone, Run::seconds),
                "  same, XZONE_CDS=off:      seconds " + seconds(noArchive) + ", median " + median(noArchive, Run::seconds),
                "xl create:                  seconds " + seconds(xl) + ", median " + median(xl, Run::seconds),
                String.format("ratio resident/xl (median time): %.2f", median(resident, Run::seconds) / median(xl, Run::seconds)),
                String.format("ratio xzone/xl (median time): %.2f (without the archive: %.2f)",
                        median(xzone, Run::seconds) / median(xl, Run::seconds), median(noArchive, Run::seconds) / median(xl, Run::seconds)),
                "xenstore requests per launch (all connections, median): resident " + (int) median(resident, r -> r.requests())
                        + ", xzone " + (int) median(xzone, r -> r.requests()) + ", xl " + (int) median(xl, r -> r.requests()),
                "xenstore requests of the launching tool's busiest connection (median): resident "
                        + (int) median(resident, r -> r.toolRequests()) + ", xzone " + (int) median(xzone, r -> r.toolRequests())
                        + ", xl " + (int) median(xl, r -> r.toolRequests()));
        report += "\ndom0 load average after the runs: " + lab.runOk("cat /proc/loadavg").output().strip();
        report += "\nhost load average after the runs: " + hostLoad();
        report += "\ndaemon log:\n" + daemonLog;
        System.out.println(report);
        Path out = Path.of("target", "bench", "zone-launch.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report + "\n");
        assertEquals(RUNS, resident.size());
        assertTrue(archive.contains("xzone.jsa"), "the launcher built no class data archive:\n" + archive);
    }

    private static String hostLoad() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static Run measure(Lab lab, String command) {
        String output = lab.runOk(String.join("\n",
                "rm -f " + TRACE,
                "xenstore-control logfile " + TRACE + " >/dev/null",
                // busybox date has no %N: /proc/uptime gives hundredths of a second.
                "start=$(cut -d' ' -f1 /proc/uptime)",
                command + " >/tmp/bench.out 2>&1 || { cat /tmp/bench.out; exit 1; }",
                "end=$(cut -d' ' -f1 /proc/uptime)",
                "xenstore-control log off >/dev/null",
                "echo \"ns $(awk -v s=$start -v e=$end 'BEGIN { printf \"%.0f\", (e - s) * 1000000000 }')\"",
                "echo \"requests $(grep -c '^IN ' " + TRACE + ")\"",
                "echo \"tool $(grep '^IN ' " + TRACE + " | awk '{print $2}' | sort | uniq -c | sort -rn | awk 'NR==1{print $1}')\"",
                "xl destroy bench")).output();
        return new Run(value(output, "ns") / 1e9, (int) value(output, "requests"), (int) value(output, "tool"));
    }

    private static long value(String output, String key) {
        return Long.parseLong(output.lines().filter(l -> l.startsWith(key + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + key + "' in:\n" + output)).substring(key.length() + 1).strip());
    }

    private static String seconds(List<Run> runs) {
        return String.join(" ", runs.stream().map(r -> String.format("%.1f", r.seconds())).toList());
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
        List<Double> values = new ArrayList<>(runs.stream().map(value::applyAsDouble).toList());
        Collections.sort(values);
        return values.get(values.size() / 2);
    }
}

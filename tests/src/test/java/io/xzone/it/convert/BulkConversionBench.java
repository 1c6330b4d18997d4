package io.xzone.it.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.convert.disk.PartitionTable;
import io.xzone.convert.disk.PartitionTableReader;
import io.xzone.convert.testing.DiskBuilder;
import io.xzone.convert.testing.SampleGuests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Bulk conversion throughput against the plain sequential shell script doing the same debugfs edits, in the same run
 * on the same machine: images per minute for both, their ratio, and xzone's peak memory for a quarter, a half and all
 * of the images (it must not grow with the number of images). xzone runs through its launcher (bin/xzone, with its
 * JVM defaults) and a fixed heap, so peak memory shows what xzone keeps, not how lazily the JVM collects. Results go
 * to target/bench/convert.txt, with the load average, since other work on the machine moves both tools' times.
 */
@Tag("bench")
class BulkConversionBench {
    private static final int IMAGES = Integer.getInteger("xzone.bench.images", 200);
    private static final String HEAP_OPTION = "-Xmx64m";

    private record Run(double seconds, long peakKib, String output) {
    }

    @Test
    void xzoneBulkAgainstASequentialShellScript() throws Exception {
        Path folder = SampleGuests.scratch("bench");
        List<Path> templates = new ArrayList<>();
        for (SampleGuests kind : SampleGuests.values()) {
            templates.add(kind.build(folder.resolve(kind.name() + ".template.img"), null, null));
        }
        Path script = folder.resolve("pv2hvm-reference.sh");
        try (InputStream in = BulkConversionBench.class.getResourceAsStream("pv2hvm-reference.sh")) {
            Files.write(script, in.readAllBytes());
        }
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < IMAGES; i++) {
            Path image = SampleGuests.copy(templates.get(i % templates.size()), folder.resolve("sh" + i + ".img"));
            PartitionTable table = new PartitionTableReader().read(image);
            long boot = table.partition(1).orElseThrow().startBytes();
            long root = i % templates.size() == SampleGuests.UBUNTU1404.ordinal()
                    ? table.partition(2).orElseThrow().startBytes() : boot;
            list.append(image).append(' ').append(boot).append(' ').append(root).append('\n');
        }
        Path listFile = Files.writeString(folder.resolve("images.list"), list.toString());
        Path quarter = inventory(folder, "quarter", templates, IMAGES / 4);
        Path half = inventory(folder, "half", templates, IMAGES / 2);
        Path all = inventory(folder, "all", templates, IMAGES);
        Path isoCache = Path.of("target", "grub-iso-cache").toAbsolutePath();
        // The CDs are built once for every run to come; build them before timing anything.
        timed(folder, "warm-up", jarArgs("convert", "bulk", "--state", folder.resolve("state-warm").toString(),
                "--iso-cache", isoCache.toString(), inventory(folder, "warm", templates, templates.size()).toString()));

        String loadBefore = loadAverage();
        Run shell = timed(folder, "shell", List.of("bash", script.toString()), listFile);
        Run xzone = timed(folder, "xzone", jarArgs("convert", "bulk", "-j", "2", "--state",
                folder.resolve("state-all").toString(), "--iso-cache", isoCache.toString(), all.toString()));
        String loadAfter = loadAverage();
        Run xzoneQuarter = timed(folder, "xzone-quarter", jarArgs("convert", "bulk", "-j", "2", "--state",
                folder.resolve("state-quarter").toString(), "--iso-cache", isoCache.toString(), quarter.toString()));
        Run xzoneHalf = timed(folder, "xzone-half", jarArgs("convert", "bulk", "-j", "2", "--state",
                folder.resolve("state-half").toString(), "--iso-cache", isoCache.toString(), half.toString()));
        assertTrue(xzone.output().contains(IMAGES + " guests: " + IMAGES + " converted"), xzone.output());
        assertTrue(DiskBuilder.run("", "debugfs", "-R", "cat /etc/inittab",
                folder.resolve("sh1.img") + "?offset=1048576").contains("getty 38400 ttyS0"), "the script did its edits");

        double shellRate = IMAGES / shell.seconds() * 60;
        double xzoneRate = IMAGES / xzone.seconds() * 60;
        String report = String.format("""
                PV->HVM bulk conversion, %d generated images (4 layouts), %d CPUs, same run, load average %s -> %s
                  sequential shell script (debugfs + sed): %.1f s, %.0f images/min, peak %d KiB
                  xzone convert bulk -j 2 (bin/xzone, XZONE_JAVA_OPTS=%s): %.1f s, %.0f images/min, peak %d KiB
                  speed-up: %.2fx
                  xzone peak memory: %d KiB for %d images, %d KiB for %d images, %d KiB for %d images
                """, IMAGES, Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter, shell.seconds(),
                shellRate, shell.peakKib(), HEAP_OPTION, xzone.seconds(), xzoneRate, xzone.peakKib(), xzoneRate / shellRate,
                xzoneQuarter.peakKib(), IMAGES / 4, xzoneHalf.peakKib(), IMAGES / 2, xzone.peakKib(), IMAGES);
        Path out = Files.createDirectories(Path.of("target", "bench")).resolve("convert.txt");
        Files.writeString(out, report);
        System.out.print(report);
    }

    private static Path inventory(Path folder, String name, List<Path> templates, int count) throws Exception {
        Path inventory = Files.createDirectories(folder.resolve(name));
        for (int i = 0; i < count; i++) {
            SampleGuests kind = SampleGuests.values()[i % templates.size()];
            Path image = SampleGuests.copy(templates.get(i % templates.size()), inventory.resolve("g" + i + ".img"));
            Files.writeString(inventory.resolve(String.format("g%03d.cfg", i)), kind.xlConfig(name + i, image));
        }
        return inventory;
    }

    /**
     * The launcher as an operator runs it, on this JVM, with a fixed heap (env passes JAVA and the option). Its class
     * data sharing archive is built by the warm-up run, in the foreground (XZONE_CDS=now), so that no archive build
     * runs in the background while the tools are timed.
     */
    private static List<String> jarArgs(String... args) {
        Path root = Path.of(System.getProperty("xzone.project.root", ".."));
        List<String> argv = new ArrayList<>(List.of("env", "JAVA=" + Path.of(System.getProperty("java.home"), "bin",
                "java"), "XZONE_JAVA_OPTS=" + HEAP_OPTION, "XZONE_JAR=" + root.resolve("toolstack/target/xzone.jar"),
                "XZONE_CDS=now", "XZONE_CACHE=" + Path.of("target", "xzone-cache").toAbsolutePath(),
                root.resolve("bin/xzone").toString()));
        argv.addAll(List.of(args));
        return argv;
    }

    /** The 1-minute load average: how busy the machine was with other work. */
    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** Runs a command under /usr/bin/time: wall seconds and peak resident memory (KiB) of it and its children. */
    private static Run timed(Path folder, String name, List<String> argv) throws IOException, InterruptedException {
        return timed(folder, name, argv, null);
    }

    private static Run timed(Path folder, String name, List<String> argv, Path input) throws IOException, InterruptedException {
        Path times = folder.resolve(name + ".time");
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-o", times.toString(), "-f", "%e %M"));
        command.addAll(argv);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve(name + ".out").toFile());
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        int status = builder.start().waitFor();
        String output = Files.readString(folder.resolve(name + ".out"), StandardCharsets.UTF_8);
        assertEquals(0, status, name + ": " + output);
        String[] fields = Files.readString(times).trim().lines().reduce((a, b) -> b).orElseThrow().split(" ");
        return new Run(Double.parseDouble(fields[0]), Long.parseLong(fields[1]), output);
    }
}

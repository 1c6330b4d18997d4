package io.xzone.cli.daemon;

import io.xzone.cli.StartupTraining;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes the first real request as fast as the later ones: before the daemon says it is ready, it loads every class of
 * xzone's jar and runs the commands a launch goes through, without changing anything: {@code zone list} (connects to
 * Xen and xenstore, reads every domain) and {@code zone launch --dry-run} of a built-in HVM zone (spec checks, backend
 * choice, the launch plan). Off Xen they stop early with exit code 3, which is fine for a warm-up.
 */
final class Warmup {
    private static final List<List<String>> COMMANDS = List.of(
            List.of("zone", "list"),
            List.of("zone", "launch", "--dry-run", "-V", "hvm", "-n", "xzone-warmup", "-m", "16"));

    private Warmup() {
    }

    /** Warms up and says what it did, in one line. */
    static String run(CommandRunner runner) {
        long start = System.nanoTime();
        int classes = loadClasses();
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        StringBuilder codes = new StringBuilder();
        for (List<String> command : COMMANDS) {
            int code = runner.run(command, Path.of("/"), sink, sink);
            codes.append(", ").append(String.join(" ", command.subList(0, 2))).append(" exit ").append(code);
        }
        return "warmed up in " + (System.nanoTime() - start) / 1_000_000 + " ms (" + classes + " classes loaded" + codes + ")";
    }

    private static int loadClasses() {
        try {
            Path jar = Path.of(Warmup.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!jar.toString().endsWith(".jar")) {
                return 0; // running from classes folders (tests): nothing to preload
            }
            return StartupTraining.loadJar(jar);
        } catch (IOException | URISyntaxException | SecurityException e) {
            return 0;
        }
    }
}

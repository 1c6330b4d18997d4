package io.xzone.convert.iso;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host tool to completion in a folder and returns what it printed, or fails with its last output lines. */
final class ToolRunner {
    private static final long TIMEOUT_MINUTES = 10;

    private ToolRunner() {
    }

    static String run(Path folder, List<String> argv) throws IsoBuildException {
        try {
            Process process = new ProcessBuilder(argv).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IsoBuildException(argv.get(0) + " did not finish in " + TIMEOUT_MINUTES + " minutes");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                List<String> lines = text.lines().toList();
                throw new IsoBuildException(String.join(" ", argv.subList(0, Math.min(3, argv.size()))) + " failed (exit "
                        + process.exitValue() + "): " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3),
                        lines.size())));
            }
            return text;
        } catch (IOException e) {
            throw new IsoBuildException("cannot run " + argv.get(0) + ": " + e.getMessage()
                    + " (install it: see bin/host-packages)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IsoBuildException("interrupted while running " + argv.get(0));
        }
    }
}

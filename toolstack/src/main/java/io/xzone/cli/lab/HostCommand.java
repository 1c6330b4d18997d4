package io.xzone.cli.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Runs the host tools the lab builds its images with (ldd, modprobe, depmod, xz, dpkg-query) and finds programs on PATH. */
final class HostCommand {
    /** What a finished command printed and returned. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private HostCommand() {
    }

    /** Runs the command with the given stdin (may be null) and collects everything; never throws on a non-zero exit. */
    static Result run(List<String> argv, Path stdinFrom) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (stdinFrom != null) {
            builder.redirectInput(stdinFrom.toFile());
        }
        Process process = builder.start();
        if (stdinFrom == null) {
            process.getOutputStream().close();
        }
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String out = readAll(process.getInputStream());
        try {
            return new Result(process.waitFor(), out, err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + argv.get(0), e);
        }
    }

    /** Runs the command and returns its stdout; a non-zero exit fails the lab build with the command's first error line. */
    static String output(List<String> argv) throws IOException {
        Result result = run(argv, null);
        if (result.exitCode() != 0) {
            throw LabException.failed(String.join(" ", argv) + " failed (exit " + result.exitCode() + "): "
                    + result.stderr().lines().findFirst().orElse("no message"));
        }
        return result.stdout();
    }

    /** The first executable called {@code name} on PATH. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

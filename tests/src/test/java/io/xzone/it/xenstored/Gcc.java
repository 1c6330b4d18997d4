package io.xzone.it.xenstored;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the small C programs and libraries the tests need from the tests module's src/test/c into its target/,
 * when the output is missing or older than its source. A missing compiler or a compile error is one clear line.
 */
public final class Gcc {
    private Gcc() {
    }

    /** The tests module's folder (surefire sets basedir; the working directory otherwise). */
    public static Path moduleDir() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    /**
     * Compiles src/test/c/{@code sourceName} into target/native/{@code outputName}.
     *
     * @param arguments gcc arguments besides the source and the output, e.g. {@code -shared -fPIC} or {@code -lxenstore}
     *                  (libraries must come last, so they are placed after the source)
     */
    public static synchronized Path build(String sourceName, String outputName, List<String> options, List<String> libraries) {
        Path source = moduleDir().resolve("src/test/c").resolve(sourceName);
        Path output = moduleDir().resolve("target/native").resolve(outputName);
        if (!Files.isRegularFile(source)) {
            throw new HarnessFailure("C source " + source + " not found: run the tests from the tests module");
        }
        try {
            if (Files.exists(output) && Files.getLastModifiedTime(output).compareTo(Files.getLastModifiedTime(source)) >= 0) {
                return output;
            }
            Files.createDirectories(output.getParent());
            List<String> command = new ArrayList<>(List.of("gcc", "-O2", "-Wall", "-Werror"));
            command.addAll(options);
            command.addAll(List.of("-o", output.toString(), source.toString()));
            command.addAll(libraries);
            run(command, source, output);
            return output;
        } catch (IOException e) {
            throw new HarnessFailure("cannot build " + output + " from " + source.getFileName() + ": " + e.getMessage());
        }
    }

    private static void run(List<String> command, Path source, Path output) throws IOException {
        Process gcc;
        try {
            gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new HarnessFailure("gcc not found: install gcc and libxen-dev (bin/setup-host) to build " + source.getFileName());
        }
        String messages = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!gcc.waitFor(120, TimeUnit.SECONDS)) {
                gcc.destroyForcibly();
                throw new HarnessFailure("gcc took over 120 s on " + source.getFileName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessFailure("interrupted while compiling " + source.getFileName());
        }
        if (gcc.exitValue() != 0) {
            Files.deleteIfExists(output);
            throw new HarnessFailure("gcc failed on " + source.getFileName() + " (is libxen-dev installed?):\n" + messages.strip());
        }
    }
}

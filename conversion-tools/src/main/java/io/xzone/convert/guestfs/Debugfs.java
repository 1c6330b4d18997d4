package io.xzone.convert.guestfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs e2fsprogs' debugfs on one ext filesystem inside an image ({@code image?offset=BYTES}), a batch of requests per
 * run. debugfs exits 0 even when a request fails, so callers must judge the printed output, never the exit status.
 *
 * <p>Each run holds flock(1) on the image: if a previous xzone was killed, its last debugfs keeps running to the end of
 * its batch (its output goes to files, not to a pipe that would break), and the next run waits for it instead of
 * reading a half-finished edit. Output files, not pipes, also mean a killed parent never cuts a write batch in half.
 */
final class Debugfs {
    private static final Logger LOG = LoggerFactory.getLogger(Debugfs.class);
    private static final String ECHO = "debugfs: ";

    private final Path image;
    private final long offset;

    Debugfs(Path image, long offset) {
        this.image = image;
        this.offset = offset;
    }

    /** What one batch printed: stdout split per request (in order) and the error lines from stderr. */
    record Output(List<String> sections, List<String> errors) {
        String section(int index) {
            return index < sections.size() ? sections.get(index) : "";
        }
    }

    Output run(List<String> requests, boolean write, Path scratch) throws GuestFsException {
        for (String request : requests) {
            if (request.contains("\n") || request.contains("\"")) {
                throw new IllegalArgumentException("debugfs request with a newline or quote: " + request);
            }
        }
        try {
            Path commands = Files.createTempFile(scratch, "debugfs", ".cmd");
            Path out = Files.createTempFile(scratch, "debugfs", ".out");
            Path err = Files.createTempFile(scratch, "debugfs", ".err");
            try {
                Files.write(commands, requests, StandardCharsets.UTF_8);
                List<String> argv = new ArrayList<>(List.of("flock", image.toString(), "debugfs"));
                if (write) {
                    argv.add("-w");
                }
                argv.addAll(List.of("-f", commands.toString(), image + "?offset=" + offset));
                ProcessBuilder builder = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                builder.environment().put("DEBUGFS_PAGER", "__none__");
                long started = System.nanoTime();
                int status = builder.start().waitFor();
                LOG.debug("debugfs {} on {}: {} requests, exit {}, {} ms", write ? "-w" : "", image, requests.size(), status,
                        (System.nanoTime() - started) / 1_000_000);
                Output output = parse(requests, Files.readString(out, StandardCharsets.ISO_8859_1),
                        Files.readString(err, StandardCharsets.ISO_8859_1));
                if (status != 0 && output.errors().isEmpty()) {
                    throw new GuestFsException("debugfs failed on " + image + " (exit " + status + ")");
                }
                return output;
            } finally {
                Files.deleteIfExists(commands);
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new GuestFsException("cannot run debugfs on " + image + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuestFsException("interrupted while debugfs worked on " + image, e);
        }
    }

    /** One request through {@code -R}, whose output has no echo line (for {@code cat}, whose text has no end marker). */
    String runOne(String request, Path scratch) throws GuestFsException {
        try {
            Path out = Files.createTempFile(scratch, "debugfs", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder("flock", image.toString(), "debugfs", "-R", request,
                        image + "?offset=" + offset).redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
                builder.environment().put("DEBUGFS_PAGER", "__none__");
                builder.start().waitFor();
                return Files.readString(out, StandardCharsets.ISO_8859_1);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new GuestFsException("cannot run debugfs on " + image + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuestFsException("interrupted while debugfs worked on " + image, e);
        }
    }

    static Output parse(List<String> requests, String stdout, String stderr) throws GuestFsException {
        Map<Integer, StringBuilder> sections = new LinkedHashMap<>();
        int current = -1;
        int next = 0;
        for (String line : stdout.split("\n", -1)) {
            if (next < requests.size() && line.equals(ECHO + requests.get(next))) {
                current = next++;
                sections.put(current, new StringBuilder());
            } else if (current >= 0) {
                sections.get(current).append(line).append('\n');
            }
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            texts.add(sections.containsKey(i) ? sections.get(i).toString() : "");
        }
        List<String> errors = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            if (!line.isBlank() && !line.startsWith("debugfs 1.")) {
                errors.add(line.trim());
            }
        }
        for (String error : errors) {
            if (error.contains("while trying to open") || error.contains("while opening filesystem")) {
                throw new GuestFsException("cannot open the filesystem: " + error.replaceFirst("^debugfs: ", ""));
            }
        }
        return new Output(texts, errors);
    }
}

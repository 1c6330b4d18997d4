package io.xzone.convert.guestfs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One e2fsprogs debugfs process on one disk image, fed batches of requests on its stdin ({@code debugfs -f -}) for as
 * long as a conversion works on the image: starting debugfs costs a process and a filesystem open, so a guest's
 * lookups, reads, writes and checks all go to the same process. Each batch opens the filesystem it needs
 * ({@code open [-w] image?offset=BYTES}) and ends with a comment line debugfs echoes back, which marks the end of the
 * reply. debugfs exits 0 even when a request fails, so callers judge the printed output, never a status.
 *
 * <p>Kill safety. The process holds flock(1) on the image for its whole life, so a run that starts while a killed
 * run's debugfs still works waits for it. SIGPIPE is ignored in debugfs, so when xzone dies its debugfs neither dies
 * on a closed output pipe: it reads the requests already sent to the end, closes the filesystem cleanly and exits.
 * Requests go out in groups that must never be cut (a file's remove-and-link), each in one write of at most
 * {@value #PIPE_BUF} bytes, which a pipe takes whole or not at all: a dying xzone leaves whole groups behind. Write
 * batches end with {@code close}, so what they changed is on the image before the caller goes on.
 */
public final class Debugfs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Debugfs.class);
    private static final String ECHO = "debugfs: ";
    /** POSIX: a pipe write of at most this many bytes is never split. */
    static final int PIPE_BUF = 4096;
    /** An error line as debugfs's com_err prints it: "rm: ...", "/path: ...", "debugfs: ...". */
    private static final Pattern ERROR = Pattern.compile("^(/|[a-z_]+: ).*");

    private final Path image;
    private Process process;
    private InputStream replies;
    private OutputStream requests;
    private long openOffset = -1;
    private boolean openForWriting;
    private long batches;

    public Debugfs(Path image) {
        this.image = image;
    }

    public Path image() {
        return image;
    }

    /** What one batch printed: the output of each request (in order) and the error lines among them. */
    record Output(List<String> sections, List<String> errors) {
        String section(int index) {
            return index < sections.size() ? sections.get(index) : "";
        }
    }

    /** Runs requests that may be cut anywhere (reads, checks): each one is its own group. */
    Output run(long offset, boolean write, List<String> requests) throws GuestFsException {
        return runGroups(offset, write, requests.stream().map(List::of).toList());
    }

    /**
     * Runs groups of requests on the filesystem at {@code offset} (opened for writing if {@code write}); a group is
     * never cut by a kill. The result has one section per request, in order.
     */
    Output runGroups(long offset, boolean write, List<List<String>> groups) throws GuestFsException {
        List<String> requests = new ArrayList<>();
        groups.forEach(requests::addAll);
        for (String request : requests) {
            if (request.contains("\n") || request.contains("\"") || request.startsWith("#")) {
                throw new IllegalArgumentException("debugfs request with a newline, quote or comment: " + request);
            }
        }
        List<String> header = new ArrayList<>();
        if (openOffset != offset || (write && !openForWriting)) {
            if (openOffset >= 0) {
                header.add("close");
            }
            header.add((write ? "open -w " : "open ") + image + "?offset=" + offset);
            openOffset = offset;
            openForWriting = write;
        }
        List<String> trailer = new ArrayList<>();
        if (write) {
            trailer.add("close");
            openOffset = -1;
        }
        String sentinel = "# xzone batch " + ++batches;
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(groups);
        all.add(trailer);
        all.add(List.of(sentinel));
        long started = System.nanoTime();
        try {
            start();
            send(all);
            String reply = readUntil(sentinel);
            LOG.debug("debugfs{} on {}: {} requests, {} ms", write ? " -w" : "", image, requests.size(),
                    (System.nanoTime() - started) / 1_000_000);
            List<String> sent = new ArrayList<>(header);
            sent.addAll(requests);
            sent.addAll(trailer);
            List<String> sections = sections(sent, reply);
            checkOpened(sections.subList(0, header.size()));
            List<String> errors = new ArrayList<>();
            for (String section : sections) {
                section.lines().filter(line -> ERROR.matcher(line).matches()).forEach(errors::add);
            }
            return new Output(sections.subList(header.size(), header.size() + requests.size()), errors);
        } catch (IOException e) {
            throw new GuestFsException("cannot run debugfs on " + image + ": " + e.getMessage(), e);
        }
    }

    private void start() throws IOException {
        if (process != null) {
            return;
        }
        // SIGPIPE ignored through the shell's trap rather than coreutils' env --ignore-signal (8.31+, absent from
        // busybox): an ignored signal stays ignored across exec (POSIX), so any sh gives debugfs the same disposition.
        ProcessBuilder builder = new ProcessBuilder("flock", image.toString(), "sh", "-c", "trap '' PIPE; exec debugfs -f -")
                .redirectErrorStream(true);
        builder.environment().put("DEBUGFS_PAGER", "__none__");
        process = builder.start();
        replies = process.getInputStream();
        requests = process.getOutputStream();
    }

    /** Writes the groups in as few pipe writes of at most PIPE_BUF bytes as possible, never cutting a group. */
    private void send(List<List<String>> groups) throws IOException {
        StringBuilder chunk = new StringBuilder();
        for (List<String> group : groups) {
            String text = group.stream().map(r -> r + "\n").reduce("", String::concat);
            if (text.length() > PIPE_BUF) {
                throw new IllegalArgumentException("a debugfs request group longer than " + PIPE_BUF + " bytes: " + group);
            }
            if (chunk.length() + text.length() > PIPE_BUF) {
                write(chunk);
            }
            chunk.append(text);
        }
        write(chunk);
    }

    private void write(StringBuilder chunk) throws IOException {
        if (chunk.length() > 0) {
            requests.write(chunk.toString().getBytes(StandardCharsets.ISO_8859_1));
            requests.flush();
            chunk.setLength(0);
        }
    }

    /** Everything debugfs printed up to the sentinel line (which it echoes as it is). */
    private String readUntil(String sentinel) throws IOException, GuestFsException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = replies.read()) >= 0) {
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            line.reset();
            if (text.endsWith(sentinel)) {
                reply.writeBytes(text.substring(0, text.length() - sentinel.length()).getBytes(StandardCharsets.ISO_8859_1));
                return reply.toString(StandardCharsets.ISO_8859_1);
            }
            reply.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
            reply.write('\n');
        }
        reply.writeBytes(line.toByteArray());
        String printed = reply.toString(StandardCharsets.ISO_8859_1);
        checkOpened(List.of(printed));
        throw new GuestFsException("debugfs stopped working on " + image + ": " + lastLines(printed));
    }

    /** The output split per request, by the echo line debugfs prints before each one. */
    static List<String> sections(List<String> requests, String stdout) {
        List<StringBuilder> sections = new ArrayList<>();
        int next = 0;
        for (String line : stdout.split("\n", -1)) {
            if (next < requests.size() && line.equals(ECHO + requests.get(next))) {
                sections.add(new StringBuilder());
                next++;
            } else if (!sections.isEmpty()) {
                sections.get(sections.size() - 1).append(line).append('\n');
            }
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            texts.add(i < sections.size() ? sections.get(i).toString() : "");
        }
        return texts;
    }

    private static void checkOpened(List<String> sections) throws GuestFsException {
        for (String section : sections) {
            for (String line : section.lines().toList()) {
                if (line.contains("while trying to open") || line.contains("while opening filesystem")) {
                    throw new GuestFsException("cannot open the filesystem: " + line.replaceFirst("^debugfs: ", ""));
                }
            }
        }
    }

    private static String lastLines(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "no output" : String.join("; ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    /** Ends the requests and waits for debugfs to close the filesystem and exit (which releases the image's lock). */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        try {
            requests.close();
            replies.transferTo(OutputStream.nullOutputStream());
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                LOG.warn("debugfs on {} did not exit; leaving it to finish on its own", image);
            }
        } catch (IOException e) {
            LOG.debug("debugfs on {} ended badly: {}", image, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process = null;
        }
    }
}

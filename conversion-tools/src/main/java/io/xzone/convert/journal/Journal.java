package io.xzone.convert.journal;

import io.xzone.convert.guestfs.FileState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The write-ahead record of one guest's conversion, in {@code STATE/journal/GUEST/journal.log}: append-only lines, the
 * original of every edited file among them (its bytes in base64 beside their SHA-256, mode, owner and group). Every
 * original is stored and synced before the file it came from is touched, so a rollback can always restore it byte
 * for byte, and a kill at any moment leaves a journal a rerun continues. A line counts only once its newline is on
 * disk. One synced append per conversion keeps a guest's conversion to one fsync (and two of folders when it is new).
 */
public final class Journal {
    private static final String LOG = "journal.log";
    private static final String COMPLETE = "complete";

    private final Path folder;

    private Journal(Path folder) {
        this.folder = folder;
    }

    public static Journal of(Path stateDir, String guest) {
        return new Journal(stateDir.resolve("journal").resolve(guest));
    }

    public Path folder() {
        return folder;
    }

    public boolean exists() {
        return Files.exists(folder.resolve(LOG));
    }

    /** Where the guest lives, as recorded when the journal began. */
    public record Target(String kind, Path path, Path config) {
        public static final String IMAGE = "image";
        public static final String MOUNTED = "mounted";
    }

    public Optional<Target> target() throws IOException {
        String kind = null;
        Path path = null;
        Path config = null;
        for (String[] f : lines()) {
            if (f[0].equals("target")) {
                kind = f[1];
                path = Path.of(f[2]);
            } else if (f[0].equals("config")) {
                config = Path.of(f[1]);
            }
        }
        return kind == null ? Optional.empty() : Optional.of(new Target(kind, path, config));
    }

    /**
     * Starts the journal (or checks that an existing one is about the same image) and records, in one synced append
     * (the one fsync that must come before the guest is touched), what each path holds before its first change and
     * the files xzone will write outside the guest (the HVM config, the zone spec), which rollback removes. A path
     * already recorded keeps its first original.
     */
    public void begin(Target target, List<JournalEntry> originals, List<Path> outputs) throws IOException, JournalException {
        Optional<Target> existing = target();
        List<String[]> lines = new ArrayList<>();
        if (existing.isPresent()) {
            if (!existing.get().path().equals(target.path()) || !existing.get().kind().equals(target.kind())) {
                throw new JournalException("the journal in " + folder + " is about " + existing.get().path()
                        + ", not " + target.path() + ": roll that conversion back first");
            }
        } else {
            lines.add(new String[] {"target", target.kind(), target.path().toString()});
            lines.add(new String[] {"config", target.config().toString()});
        }
        lines.addAll(originalLines(originals));
        List<Path> known = outputs();
        outputs.stream().filter(f -> !known.contains(f)).forEach(f -> lines.add(new String[] {"output", f.toString()}));
        append(lines, true);
    }

    public boolean complete() throws IOException {
        return lines().stream().anyMatch(f -> f[0].equals(COMPLETE));
    }

    public List<JournalEntry> entries() throws IOException, JournalException {
        List<JournalEntry> entries = new ArrayList<>();
        for (String[] f : lines()) {
            switch (f[0]) {
                case "file" -> entries.add(new JournalEntry(Integer.parseInt(f[1]), f[2],
                        new FileState.Regular(original(f[2], f[3], f[7]), Integer.parseInt(f[4], 8),
                                Integer.parseInt(f[5]), Integer.parseInt(f[6]))));
                case "symlink" -> entries.add(new JournalEntry(Integer.parseInt(f[1]), f[2], new FileState.Symlink(f[3])));
                case "absent" -> entries.add(new JournalEntry(Integer.parseInt(f[1]), f[2], new FileState.Absent()));
                default -> {
                    // target, config, output and complete lines are read by their own accessors
                }
            }
        }
        return entries;
    }

    public boolean has(int partition, String path) throws IOException {
        return lines().stream().anyMatch(f -> f.length > 2 && (f[0].equals("file") || f[0].equals("symlink")
                || f[0].equals("absent")) && f[1].equals(String.valueOf(partition)) && f[2].equals(path));
    }

    private List<String[]> originalLines(List<JournalEntry> originals) throws IOException {
        List<String[]> lines = new ArrayList<>();
        for (JournalEntry entry : originals) {
            if (has(entry.partition(), entry.path())) {
                continue;
            }
            String p = String.valueOf(entry.partition());
            if (entry.original() instanceof FileState.Regular regular) {
                lines.add(new String[] {"file", p, entry.path(), sha256(regular.content()),
                    Integer.toOctalString(regular.mode()), String.valueOf(regular.uid()), String.valueOf(regular.gid()),
                    Base64.getEncoder().encodeToString(regular.content())});
            } else if (entry.original() instanceof FileState.Symlink link) {
                lines.add(new String[] {"symlink", p, entry.path(), link.target()});
            } else {
                lines.add(new String[] {"absent", p, entry.path()});
            }
        }
        return lines;
    }

    public List<Path> outputs() throws IOException {
        return lines().stream().filter(f -> f[0].equals("output")).map(f -> Path.of(f[1])).toList();
    }

    /** Not synced: lost to a power cut, it only makes the next run report the guest converted, not unchanged. */
    public void markComplete() throws IOException {
        if (!complete()) {
            append(List.<String[]>of(new String[] {COMPLETE}), false);
        }
    }

    /** Removes the journal after a finished rollback: the last step, so a killed rollback can be run again. */
    public void delete() throws IOException {
        Files.deleteIfExists(folder.resolve(LOG));
        Files.deleteIfExists(folder);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The original bytes stored in a journal line, checked against the checksum stored beside them. */
    private byte[] original(String path, String sha, String base64) throws JournalException {
        byte[] content = Base64.getDecoder().decode(base64);
        if (!sha256(content).equals(sha)) {
            throw new JournalException("the journal's copy of " + path + " in " + folder.resolve(LOG)
                    + " does not match its checksum: it was damaged, restore it from a backup");
        }
        return content;
    }

    /** Appends lines in one write, synced if asked; the folders are synced too when the log is new. */
    private void append(List<String[]> lines, boolean sync) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (String[] fields : lines) {
            for (String field : fields) {
                if (field.contains("\t") || field.contains("\n")) {
                    throw new IOException("journal field with a tab or newline: " + field);
                }
            }
            text.append(String.join("\t", fields)).append('\n');
        }
        boolean created = !Files.exists(folder.resolve(LOG));
        Files.createDirectories(folder);
        try (FileChannel channel = FileChannel.open(folder.resolve(LOG), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
            if (sync) {
                channel.force(true);
            }
        }
        if (created && sync) {
            syncFolder(folder);
            syncFolder(folder.getParent());
        }
    }

    private List<String[]> lines() throws IOException {
        Path log = folder.resolve(LOG);
        if (!Files.exists(log)) {
            return List.of();
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        List<String[]> lines = new ArrayList<>();
        int start = 0;
        int newline;
        // A last line without its newline was cut by a kill: it never happened.
        while ((newline = text.indexOf('\n', start)) >= 0) {
            lines.add(text.substring(start, newline).split("\t", -1));
            start = newline + 1;
        }
        return lines;
    }

    private static void syncFolder(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some filesystems refuse to sync a folder; the files themselves are synced.
        }
    }
}

package io.xzone.convert.guestfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ext2/3/4 filesystem inside a disk image, read and written offline through debugfs, never mounted.
 *
 * <p>A file is replaced in two batches: the new content is staged as a hidden sibling (mode, owner and group set with
 * {@code sif}) and checked; only then is the original removed and the staged inode linked in its place. A full
 * filesystem fails the staging and leaves every original as it was.
 */
public final class ExtPartitionFileSystem implements GuestFileSystem {
    private static final Pattern LS_LINE = Pattern.compile(
            "^\\s*(\\d+)\\s+(\\d+)\\s+\\((\\d+)\\)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+\\S+\\s+\\S+\\s(.*)$");
    private static final Pattern FAST_LINK = Pattern.compile("Fast link dest: \"(.*)\"");
    private static final String STAGED_SUFFIX = ".xzone-new";

    private final Path image;
    private final long offset;
    private final String description;
    private final Debugfs debugfs;
    private final Path scratch;

    /**
     * @param debugfs the debugfs process of the image, shared by its partitions (the caller closes it)
     * @param scratch a private folder for the files debugfs reads and writes on the host
     */
    public ExtPartitionFileSystem(Debugfs debugfs, long offsetBytes, String description, Path scratch) {
        this.image = debugfs.image();
        this.offset = offsetBytes;
        this.description = description;
        this.debugfs = debugfs;
        this.scratch = scratch;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Map<String, Node> lookup(Collection<String> paths) throws GuestFsException {
        Set<String> folders = new LinkedHashSet<>();
        for (String path : paths) {
            folders.add(GuestPaths.parent(GuestPaths.check(path)));
        }
        Map<String, Map<String, Node>> listings = list(new ArrayList<>(folders));
        Map<String, Node> found = new HashMap<>();
        for (String path : paths) {
            Node node = listings.getOrDefault(GuestPaths.parent(path), Map.of()).get(GuestPaths.name(path));
            if (node != null) {
                found.put(path, node);
            }
        }
        return found;
    }

    /** {@code ls -l} of each folder: name -> node. A folder that does not exist lists nothing. */
    private Map<String, Map<String, Node>> list(List<String> folders) throws GuestFsException {
        List<String> requests = folders.stream().map(f -> "ls -l " + f).toList();
        Debugfs.Output output = debugfs.run(offset, false, requests);
        Map<String, Map<String, Node>> listings = new HashMap<>();
        for (int i = 0; i < folders.size(); i++) {
            listings.put(folders.get(i), parseListing(output.section(i)));
        }
        return listings;
    }

    static Map<String, Node> parseListing(String text) {
        Map<String, Node> entries = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = LS_LINE.matcher(line);
            if (m.matches() && !m.group(7).equals(".") && !m.group(7).equals("..")) {
                int fullMode = Integer.parseInt(m.group(2), 8);
                entries.put(m.group(7), new Node(Node.typeOf(fullMode), fullMode & 07777, Integer.parseInt(m.group(4)),
                        Integer.parseInt(m.group(5)), Long.parseLong(m.group(6))));
            }
        }
        return entries;
    }

    @Override
    public Map<String, byte[]> read(Collection<String> paths) throws GuestFsException {
        List<String> ordered = new ArrayList<>(paths);
        try {
            Path folder = Files.createTempDirectory(scratch, "dump");
            try {
                List<String> requests = new ArrayList<>();
                for (int i = 0; i < ordered.size(); i++) {
                    requests.add("dump " + GuestPaths.check(ordered.get(i)) + " " + folder.resolve("f" + i));
                }
                Debugfs.Output output = debugfs.run(offset, false, requests);
                Map<String, byte[]> contents = new HashMap<>();
                for (int i = 0; i < ordered.size(); i++) {
                    Path dumped = folder.resolve("f" + i);
                    if (!Files.exists(dumped)) {
                        throw new GuestFsException("cannot read " + ordered.get(i) + " in " + description + ": "
                                + String.join("; ", output.errors()));
                    }
                    contents.put(ordered.get(i), Files.readAllBytes(dumped));
                    Files.delete(dumped);
                }
                return contents;
            } finally {
                deleteFolder(folder);
            }
        } catch (IOException e) {
            throw new GuestFsException("cannot read files of " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String readLink(String path) throws GuestFsException {
        try {
            // A target longer than 59 bytes lives in a data block: stat does not show it, dump copies it out.
            Path slow = Files.createTempFile(scratch, "link", "");
            try {
                Debugfs.Output output = debugfs.run(offset, false, List.of("stat " + GuestPaths.check(path),
                        "dump " + path + " " + slow));
                Matcher fast = FAST_LINK.matcher(output.section(0));
                if (fast.find()) {
                    return fast.group(1);
                }
                if (!output.section(0).contains("Type: symlink")) {
                    throw new GuestFsException(path + " in " + description + " is not a symlink");
                }
                return Files.readString(slow, StandardCharsets.ISO_8859_1);
            } finally {
                Files.deleteIfExists(slow);
            }
        } catch (IOException e) {
            throw new GuestFsException("cannot read the link " + path + " in " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void checkRoom(List<Change> changes) throws GuestFsException {
        ExtSuperblock superblock;
        try {
            superblock = ExtSuperblock.read(image, offset).orElseThrow(() -> new GuestFsException(description
                    + ": the ext superblock is gone"));
        } catch (java.io.IOException e) {
            throw new GuestFsException("cannot read the superblock of " + description + ": " + e.getMessage(), e);
        }
        long blocks = 0;
        long inodes = 0;
        for (Change change : changes) {
            if (change.after() instanceof FileState.Regular regular) {
                // Data blocks, plus one for an extent or indirect block on the way.
                blocks += (regular.content().length + superblock.blockSize() - 1) / superblock.blockSize() + 1;
                inodes++;
            } else if (change.after() instanceof FileState.Symlink) {
                blocks++;
                inodes++;
            }
        }
        if (blocks > superblock.freeBlocks() || inodes > superblock.freeInodes()) {
            throw new GuestFsException(description + ": the filesystem is full (" + superblock.freeBlocks()
                    + " blocks and " + superblock.freeInodes() + " inodes free, the edits need " + blocks + " and "
                    + inodes + ")");
        }
    }

    @Override
    public void apply(List<Change> changes) throws GuestFsException {
        if (changes.isEmpty()) {
            return;
        }
        try {
            Path staging = Files.createTempDirectory(scratch, "stage");
            try {
                stage(changes, staging);
            } finally {
                deleteFolder(staging);
            }
        } catch (IOException e) {
            throw new GuestFsException("cannot stage files for " + description + ": " + e.getMessage(), e);
        }
        swap(changes);
    }

    /**
     * Writes every new regular file as a hidden sibling and checks them all in the same debugfs run (listing their
     * folders and reading the staged bytes back); on any failure removes them all.
     */
    private void stage(List<Change> changes, Path staging) throws IOException, GuestFsException {
        List<String> requests = new ArrayList<>();
        List<Change> regular = new ArrayList<>();
        Set<String> folders = new LinkedHashSet<>();
        for (Change change : changes) {
            if (!(change.after() instanceof FileState.Regular file)) {
                continue;
            }
            String staged = staged(change.path());
            Path local = staging.resolve("new" + regular.size());
            Files.write(local, file.content());
            // A staged file left by a killed run is stale: replace it.
            requests.add("rm " + staged);
            requests.add("write " + local + " " + staged);
            requests.add("sif " + staged + " mode 0" + Integer.toOctalString(0100000 | file.mode()));
            requests.add("sif " + staged + " uid " + file.uid());
            requests.add("sif " + staged + " gid " + file.gid());
            regular.add(change);
            folders.add(GuestPaths.parent(change.path()));
        }
        if (regular.isEmpty()) {
            return;
        }
        int listings = requests.size();
        folders.forEach(folder -> requests.add("ls -l " + folder));
        for (int i = 0; i < regular.size(); i++) {
            requests.add("dump " + staged(regular.get(i).path()) + " " + staging.resolve("back" + i));
        }
        Debugfs.Output output = debugfs.run(offset, true, requests);
        Map<String, Map<String, Node>> listed = listings(output, listings, folders);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < regular.size(); i++) {
            Change change = regular.get(i);
            FileState.Regular file = (FileState.Regular) change.after();
            Node node = listed.get(GuestPaths.parent(change.path())).get(GuestPaths.name(staged(change.path())));
            Path back = staging.resolve("back" + i);
            // The bytes are read back, not just the size: on a full filesystem debugfs can record the full size
            // while the blocks were never allocated (a file of holes).
            if (!matches(node, file) || !Files.exists(back) || !java.util.Arrays.equals(Files.readAllBytes(back),
                    file.content())) {
                wrong.add(change.path());
            }
        }
        if (!wrong.isEmpty()) {
            unstage(changes);
            throw new GuestFsException("cannot write " + String.join(", ", wrong) + " in " + description + ": "
                    + reason(output.errors()));
        }
    }

    /** The {@code ls -l} sections of a run, which start at request {@code first}, one per folder in order. */
    private static Map<String, Map<String, Node>> listings(Debugfs.Output output, int first, Set<String> folders) {
        Map<String, Map<String, Node>> listed = new HashMap<>();
        int i = first;
        for (String folder : folders) {
            listed.put(folder, parseListing(output.section(i++)));
        }
        return listed;
    }

    private void unstage(List<Change> changes) throws GuestFsException {
        List<String> requests = new ArrayList<>();
        for (Change change : changes) {
            if (change.after() instanceof FileState.Regular) {
                requests.add("rm " + staged(change.path()));
            }
        }
        debugfs.run(offset, true, requests);
    }

    /** Puts each staged file in place of its original (and makes symlinks, removes files), then checks the result. */
    private void swap(List<Change> changes) throws GuestFsException {
        List<String> requests = new ArrayList<>();
        Set<String> folders = new LinkedHashSet<>();
        for (Change change : changes) {
            String path = change.path();
            folders.add(GuestPaths.parent(path));
            if (!(change.before() instanceof FileState.Absent)) {
                requests.add("rm " + path);
            }
            if (change.after() instanceof FileState.Regular) {
                requests.add("ln " + staged(path) + " " + path);
                requests.add("unlink " + staged(path));
            } else if (change.after() instanceof FileState.Symlink link) {
                requests.add("symlink " + path + " " + GuestPaths.checkTarget(link.target()));
            }
        }
        int first = requests.size();
        folders.forEach(folder -> requests.add("ls -l " + folder));
        Debugfs.Output output = debugfs.run(offset, true, requests);
        Map<String, Map<String, Node>> listed = listings(output, first, folders);
        for (Change change : changes) {
            Node node = listed.get(GuestPaths.parent(change.path())).get(GuestPaths.name(change.path()));
            if (!matches(node, change.after())) {
                throw new GuestFsException("replacing " + change.path() + " in " + description + " failed: "
                        + reason(output.errors()));
            }
        }
    }

    /** Whether what a path is now (null: nothing) is what a change made it. */
    static boolean matches(Node node, FileState state) {
        if (state instanceof FileState.Regular regular) {
            return node != null && node.type() == Node.Type.REGULAR && node.size() == regular.content().length
                    && node.mode() == regular.mode() && node.uid() == regular.uid() && node.gid() == regular.gid();
        }
        if (state instanceof FileState.Symlink) {
            return node != null && node.type() == Node.Type.SYMLINK;
        }
        return node == null;
    }

    private static String reason(List<String> errors) {
        List<String> real = errors.stream().filter(e -> !e.contains("File not found by ext2_lookup")).toList();
        String text = String.join("; ", real.isEmpty() ? errors : real);
        if (text.contains("Could not allocate") || text.contains("No free space") || text.contains("No space")) {
            return "the filesystem is full (" + text + ")";
        }
        return text.isEmpty() ? "debugfs reported nothing" : text;
    }

    /** Removes a flat scratch folder and the files debugfs wrote into it. */
    private static void deleteFolder(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(folder);
    }

    private static String staged(String path) {
        return GuestPaths.parent(path).replaceAll("/$", "") + "/." + GuestPaths.name(path) + STAGED_SUFFIX;
    }

    @Override
    public String toString() {
        return description + " [" + image + "]";
    }
}

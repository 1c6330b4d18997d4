package io.xzone.convert.guestfs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A guest root that is already mounted on the host (for guests on storage xzone cannot open as an image). Every
 * component of every path is checked with lstat, so a symlink in the guest (say /etc -> /host/etc, or ../../..) is
 * never followed by the host kernel: {@link GuestTree} resolves it inside the guest instead. Files are replaced with
 * a sibling written, synced and renamed over the original.
 */
public final class MountedRootFileSystem implements GuestFileSystem {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Path root;

    public MountedRootFileSystem(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String describe() {
        return "the guest root mounted at " + root;
    }

    @Override
    public Map<String, Node> lookup(Collection<String> paths) throws GuestFsException {
        Map<String, Node> found = new HashMap<>();
        for (String path : paths) {
            Optional<Path> host = insideRoot(path);
            if (host.isPresent()) {
                stat(host.get()).ifPresent(node -> found.put(path, node));
            }
        }
        return found;
    }

    /** The host path of a guest path whose folders are all real folders (no symlink on the way), else empty. */
    private Optional<Path> insideRoot(String path) throws GuestFsException {
        Path current = root;
        String[] parts = GuestPaths.check(path).substring(1).split("/");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                continue;
            }
            current = current.resolve(parts[i]);
            if (i < parts.length - 1) {
                Optional<Node> folder = stat(current);
                if (folder.isEmpty() || folder.get().type() != Node.Type.DIRECTORY) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(current);
    }

    private Path hostPath(String path) throws GuestFsException {
        return insideRoot(path).orElseThrow(() -> new GuestFsException(path + " in " + describe()
                + " lies below a symlink or a missing folder"));
    }

    private static Optional<Node> stat(Path host) throws GuestFsException {
        try {
            Map<String, Object> a = Files.readAttributes(host, "unix:mode,uid,gid,size", NOFOLLOW);
            int fullMode = (Integer) a.get("mode");
            return Optional.of(new Node(Node.typeOf(fullMode), fullMode & 07777, (Integer) a.get("uid"),
                    (Integer) a.get("gid"), (Long) a.get("size")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new GuestFsException("cannot stat " + host + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, byte[]> read(Collection<String> paths) throws GuestFsException {
        Map<String, byte[]> contents = new HashMap<>();
        for (String path : paths) {
            Path host = hostPath(path);
            try {
                if (Files.isSymbolicLink(host)) {
                    throw new GuestFsException(path + " in " + describe() + " is a symlink, not a file");
                }
                contents.put(path, Files.readAllBytes(host));
            } catch (IOException e) {
                throw new GuestFsException("cannot read " + host + ": " + e.getMessage(), e);
            }
        }
        return contents;
    }

    @Override
    public String readLink(String path) throws GuestFsException {
        try {
            return Files.readSymbolicLink(hostPath(path)).toString();
        } catch (IOException e) {
            throw new GuestFsException("cannot read the symlink " + path + " in " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void checkRoom(List<Change> changes) throws GuestFsException {
        long needed = 0;
        for (Change change : changes) {
            if (change.after() instanceof FileState.Regular regular) {
                needed += regular.content().length + 4096;
            }
        }
        try {
            long usable = Files.getFileStore(root).getUsableSpace();
            if (needed > usable) {
                throw new GuestFsException(describe() + ": the filesystem is full (" + usable + " bytes free, the edits need "
                        + needed + ")");
            }
        } catch (IOException e) {
            throw new GuestFsException("cannot tell the free space of " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void apply(List<Change> changes) throws GuestFsException {
        for (Change change : changes) {
            Path host = hostPath(change.path());
            Path staged = host.resolveSibling("." + host.getFileName() + ".xzone-new");
            try {
                Files.deleteIfExists(staged);
                if (change.after() instanceof FileState.Regular regular) {
                    writeSynced(staged, regular);
                    move(staged, host);
                } else if (change.after() instanceof FileState.Symlink link) {
                    Files.createSymbolicLink(staged, Path.of(link.target()));
                    move(staged, host);
                } else {
                    Files.deleteIfExists(host);
                }
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(staged);
                } catch (IOException ignored) {
                    // The write failure is the error to report; a leftover staged file is replaced by the next run.
                }
                throw new GuestFsException("cannot write " + change.path() + " in " + describe() + ": " + e.getMessage(), e);
            }
        }
    }

    private static void writeSynced(Path staged, FileState.Regular regular) throws IOException {
        try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(regular.content()));
            channel.force(true);
        }
        Files.setAttribute(staged, "unix:uid", regular.uid(), NOFOLLOW);
        Files.setAttribute(staged, "unix:gid", regular.gid(), NOFOLLOW);
        Files.setAttribute(staged, "unix:mode", regular.mode(), NOFOLLOW);
    }

    private static void move(Path staged, Path target) throws IOException {
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the filesystem cannot rename atomically", e);
        }
    }
}

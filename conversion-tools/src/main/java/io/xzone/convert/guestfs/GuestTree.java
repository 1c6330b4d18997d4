package io.xzone.convert.guestfs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A guest filesystem as the guest sees it at its mount point: symlinks are resolved here, inside the guest (absolute
 * targets from the guest's root, ".." stopping at it), so a link can never lead out to the host. Lookups and reads are
 * cached, since every tool run on an offline image costs milliseconds.
 */
public final class GuestTree {
    private static final int MAX_LINKS = 40;

    private final GuestFileSystem fs;
    private final String mountPoint;
    private final Map<String, Optional<Node>> nodes;
    private final Map<String, byte[]> contents;
    private final Map<String, String> links;

    /** @param mountPoint where the guest mounts this filesystem: "/" for the root, "/boot" for a separate boot partition */
    public GuestTree(GuestFileSystem fs, String mountPoint) {
        this(fs, mountPoint, new HashMap<>(), new HashMap<>(), new HashMap<>());
    }

    private GuestTree(GuestFileSystem fs, String mountPoint, Map<String, Optional<Node>> nodes,
            Map<String, byte[]> contents, Map<String, String> links) {
        this.fs = fs;
        this.mountPoint = mountPoint;
        this.nodes = nodes;
        this.contents = contents;
        this.links = links;
    }

    /**
     * The same filesystem seen at another mount point (partition 1 first probed as a root, then taken as the guest's
     * /boot), sharing what was already looked up and read: the cache holds facts of the filesystem, not of the mount.
     */
    public GuestTree mountedAt(String otherMountPoint) {
        return new GuestTree(fs, otherMountPoint, nodes, contents, links);
    }

    public GuestFileSystem fs() {
        return fs;
    }

    public String mountPoint() {
        return mountPoint;
    }

    /** The path the guest sees for a path of this filesystem (for diffs and reports). */
    public String guestPath(String path) {
        return mountPoint.equals("/") ? path : mountPoint + (path.equals("/") ? "" : path);
    }

    /** Looks up, in one round trip, every folder on the way to each path and the paths themselves. */
    public void prefetch(Collection<String> paths) throws GuestFsException {
        Set<String> wanted = new LinkedHashSet<>();
        for (String path : paths) {
            for (String prefix : prefixes(GuestPaths.normalize(path))) {
                if (!nodes.containsKey(prefix)) {
                    wanted.add(prefix);
                }
            }
        }
        if (!wanted.isEmpty()) {
            Map<String, Node> found = fs.lookup(wanted);
            for (String path : wanted) {
                nodes.put(path, Optional.ofNullable(found.get(path)));
            }
        }
    }

    /** lstat, cached. */
    public Optional<Node> node(String path) throws GuestFsException {
        prefetch(List.of(path));
        return nodes.get(GuestPaths.normalize(path));
    }

    /**
     * The path with every symlink on the way and at its end resolved inside this filesystem. The result may not exist
     * (then it is where a new file would go).
     */
    public String resolve(String path) throws GuestFsException {
        String current = GuestPaths.normalize(path);
        for (int hops = 0; hops <= MAX_LINKS; hops++) {
            List<String> prefixes = prefixes(current);
            prefetch(List.of(current));
            String next = null;
            for (String prefix : prefixes) {
                Optional<Node> node = nodes.get(prefix);
                if (node.isEmpty()) {
                    return current;
                }
                if (node.get().type() == Node.Type.SYMLINK) {
                    String target = GuestPaths.resolveTarget(prefix, link(prefix), mountPoint);
                    next = GuestPaths.normalize(target + current.substring(prefix.length()));
                    break;
                }
                if (!prefix.equals(current) && node.get().type() != Node.Type.DIRECTORY) {
                    return current;
                }
            }
            if (next == null) {
                return current;
            }
            current = next;
        }
        throw new GuestFsException("too many levels of symlinks resolving " + guestPath(path) + " in " + fs.describe());
    }

    /** The regular file at a path, following symlinks inside the guest; empty when there is none. */
    public Optional<FileState.Regular> regularFile(String path) throws GuestFsException {
        String resolved = resolve(path);
        Optional<Node> node = node(resolved);
        if (node.isEmpty() || node.get().type() != Node.Type.REGULAR) {
            return Optional.empty();
        }
        return Optional.of(new FileState.Regular(content(resolved), node.get().mode(), node.get().uid(), node.get().gid()));
    }

    /** What is at a path itself, not following a symlink at its end (folders on the way are resolved). */
    public FileState state(String path) throws GuestFsException {
        String folder = resolve(GuestPaths.parent(GuestPaths.normalize(path)));
        String at = GuestPaths.join(folder, GuestPaths.name(path));
        Optional<Node> node = node(at);
        if (node.isEmpty()) {
            return new FileState.Absent();
        }
        return switchState(at, node.get());
    }

    private FileState switchState(String path, Node node) throws GuestFsException {
        if (node.type() == Node.Type.SYMLINK) {
            return new FileState.Symlink(link(path));
        }
        if (node.type() == Node.Type.REGULAR) {
            return new FileState.Regular(content(path), node.mode(), node.uid(), node.gid());
        }
        throw new GuestFsException(guestPath(path) + " in " + fs.describe() + " is a " + node.type().name().toLowerCase()
                + ", not a file");
    }

    /** A symlink's target as stored, cached. */
    private String link(String path) throws GuestFsException {
        String target = links.get(path);
        if (target == null) {
            target = fs.readLink(path);
            links.put(path, target);
        }
        return target;
    }

    /**
     * Looks up every path and reads every regular file among them (symlinks followed inside the guest), in as few
     * round trips as the links allow: what rules then ask for is already cached.
     */
    public void preloadFiles(Collection<String> paths) throws GuestFsException {
        prefetch(paths);
        Set<String> files = new LinkedHashSet<>();
        for (String path : paths) {
            String resolved = resolve(path);
            Optional<Node> node = node(resolved);
            if (node.isPresent() && node.get().type() == Node.Type.REGULAR) {
                files.add(resolved);
            }
        }
        preload(files);
    }

    /** Reads several regular files in one round trip (paths already resolved). */
    private void preload(Collection<String> paths) throws GuestFsException {
        List<String> missing = new ArrayList<>();
        for (String path : paths) {
            if (!contents.containsKey(path)) {
                missing.add(path);
            }
        }
        if (!missing.isEmpty()) {
            contents.putAll(fs.read(missing));
        }
    }

    private byte[] content(String path) throws GuestFsException {
        preload(List.of(path));
        return contents.get(path);
    }

    /** Applies changes and forgets what was cached, so later reads see the new files. */
    public void apply(List<GuestFileSystem.Change> changes) throws GuestFsException {
        try {
            fs.apply(changes);
        } finally {
            nodes.clear();
            contents.clear();
            links.clear();
        }
    }

    private static List<String> prefixes(String path) {
        List<String> prefixes = new ArrayList<>();
        int at = 0;
        while ((at = path.indexOf('/', at + 1)) > 0) {
            prefixes.add(path.substring(0, at));
        }
        if (!path.equals("/")) {
            prefixes.add(path);
        }
        return prefixes;
    }
}

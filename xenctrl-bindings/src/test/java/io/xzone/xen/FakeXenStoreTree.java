package io.xzone.xen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The node tree of {@link FakeXenStore}, with xenstored's rules: absolute paths of [A-Za-z0-9_@-] names, parents
 * created on write with their parent's permissions, and a generation number on every node (and every removed node)
 * so a transaction can tell whether someone else touched what it used. Not thread-safe: the store locks.
 */
final class FakeXenStoreTree {
    private static final Pattern VALID = Pattern.compile("/|(/[A-Za-z0-9_@\\-]+)+");
    private static final int PATH_MAX = 3072;
    private static final String DOM0_HOME = "/local/domain/0/";

    record Node(String value, List<XenStorePermission> permissions, long generation) {
    }

    private final NavigableMap<String, Node> nodes;
    private final Map<String, Long> removedAt;
    private final LongSupplier generations;

    FakeXenStoreTree(LongSupplier generations) {
        this(new TreeMap<>(), new HashMap<>(), generations);
        nodes.put("/", new Node("", List.of(XenStorePermission.owner(0, XenStorePermission.Access.NONE)), 0));
    }

    private FakeXenStoreTree(NavigableMap<String, Node> nodes, Map<String, Long> removedAt, LongSupplier generations) {
        this.nodes = nodes;
        this.removedAt = removedAt;
        this.generations = generations;
    }

    /** An independent copy (nodes are immutable, so copying the maps is enough). */
    FakeXenStoreTree copy() {
        return new FakeXenStoreTree(new TreeMap<>(nodes), new HashMap<>(removedAt), generations);
    }

    /** The path as xenstored sees it: relative paths are below dom0's home; invalid ones are EINVAL. */
    static String canonical(String call, String path) {
        String absolute = path.startsWith("/") ? path : DOM0_HOME + path;
        if (absolute.length() > PATH_MAX || !VALID.matcher(absolute).matches()) {
            throw new XenException(call + "(" + path + ")", XenStoreErrno.EINVAL, "not a valid xenstore path");
        }
        return absolute;
    }

    /** Generation of the node's last change, of its removal, or 0 when it never existed. */
    long generationOf(String path) {
        Node node = nodes.get(path);
        return node != null ? node.generation() : removedAt.getOrDefault(path, 0L);
    }

    boolean exists(String path) {
        return nodes.containsKey(path);
    }

    Optional<Node> node(String path) {
        return Optional.ofNullable(nodes.get(path));
    }

    /** The node, its new ancestors and the existing ancestor whose children change: what a write would touch. */
    Set<String> touchedByWrite(String path) {
        Set<String> touched = new LinkedHashSet<>();
        String current = path;
        touched.add(current);
        while (!exists(current)) {
            current = parentOf(current);
            touched.add(current);
        }
        return touched;
    }

    /** The node, its parent and everything below it: what a removal would touch. */
    Set<String> touchedByRm(String path) {
        Set<String> touched = new LinkedHashSet<>(List.of(path, parentOf(path)));
        touched.addAll(descendants(path).keySet());
        return touched;
    }

    void write(String path, String value) {
        long generation = generations.getAsLong();
        createMissing(parentOf(path), generation);
        Node old = nodes.get(path);
        List<XenStorePermission> permissions = old != null ? old.permissions() : nodes.get(parentOf(path)).permissions();
        if (old == null) {
            touchParent(path, generation);
        }
        nodes.put(path, new Node(value, permissions, generation));
        removedAt.remove(path);
    }

    /** Returns whether the node was created. */
    boolean mkdir(String path) {
        if (exists(path)) {
            return false;
        }
        write(path, "");
        return true;
    }

    /** Returns whether something was removed; a missing node under a missing parent is ENOENT. */
    boolean rm(String call, String path) {
        if (path.equals("/")) {
            throw new XenException(call + "(/)", XenStoreErrno.EINVAL, "the root cannot be removed");
        }
        if (!exists(path)) {
            if (!exists(parentOf(path))) {
                throw missing(call, path);
            }
            return false;
        }
        long generation = generations.getAsLong();
        for (String gone : new ArrayList<>(descendants(path).keySet())) {
            nodes.remove(gone);
            removedAt.put(gone, generation);
        }
        nodes.remove(path);
        removedAt.put(path, generation);
        touchParent(path, generation);
        return true;
    }

    List<String> children(String call, String path) {
        if (!exists(path)) {
            throw missing(call, path);
        }
        List<String> names = new ArrayList<>();
        int start = path.equals("/") ? 1 : path.length() + 1;
        for (String descendant : descendants(path).keySet()) {
            if (descendant.indexOf('/', start) < 0) {
                names.add(descendant.substring(start));
            }
        }
        return names;
    }

    List<XenStorePermission> permissions(String call, String path) {
        return node(path).orElseThrow(() -> missing(call, path)).permissions();
    }

    void setPermissions(String call, String path, List<XenStorePermission> permissions) {
        Node node = node(path).orElseThrow(() -> missing(call, path));
        if (permissions.isEmpty()) {
            throw new XenException(call + "(" + path + ")", XenStoreErrno.EINVAL, "a permission list needs an owner");
        }
        nodes.put(path, new Node(node.value(), List.copyOf(permissions), generations.getAsLong()));
    }

    /** The topmost nodes {@code domid} owns (first permission), those below them left out: what removing them takes. */
    List<String> ownedBy(int domid) {
        List<String> owned = new ArrayList<>();
        for (Map.Entry<String, Node> entry : nodes.entrySet()) {
            String path = entry.getKey();
            boolean belowOwned = owned.stream().anyMatch(top -> path.startsWith(top + "/"));
            if (!belowOwned && entry.getValue().permissions().get(0).domid() == domid) {
                owned.add(path);
            }
        }
        return owned;
    }

    /** Every node at or below {@code prefix}, path to value. */
    NavigableMap<String, String> dump(String prefix) {
        NavigableMap<String, String> values = new TreeMap<>();
        node(prefix).ifPresent(node -> values.put(prefix, node.value()));
        descendants(prefix).forEach((path, node) -> values.put(path, node.value()));
        return values;
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    static XenException missing(String call, String path) {
        return new XenException(call + "(" + path + ")", XenStoreErrno.ENOENT, null);
    }

    private void createMissing(String path, long generation) {
        if (exists(path)) {
            return;
        }
        createMissing(parentOf(path), generation);
        touchParent(path, generation);
        nodes.put(path, new Node("", nodes.get(parentOf(path)).permissions(), generation));
        removedAt.remove(path);
    }

    /** A parent's list of children changed: bump its generation, as xenstored does. */
    private void touchParent(String path, long generation) {
        String parent = parentOf(path);
        Node node = nodes.get(parent);
        nodes.put(parent, new Node(node.value(), node.permissions(), generation));
    }

    private NavigableMap<String, Node> descendants(String path) {
        String prefix = path.equals("/") ? "/" : path + "/";
        // '0' follows '/' in ASCII: [prefix, prefix-with-'/'-replaced-by-'0') holds exactly the paths below.
        String end = prefix.substring(0, prefix.length() - 1) + '0';
        NavigableMap<String, Node> below = nodes.subMap(prefix, true, end, false);
        if (path.equals("/")) {
            below = new TreeMap<>(below);
            below.remove("/");
        }
        return below;
    }
}

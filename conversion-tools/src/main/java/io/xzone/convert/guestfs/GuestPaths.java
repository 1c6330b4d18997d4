package io.xzone.convert.guestfs;

import java.util.ArrayDeque;
import java.util.Deque;

/** Absolute paths inside a guest filesystem: checking, splitting, and joining a symlink target without leaving root. */
public final class GuestPaths {
    private GuestPaths() {
    }

    /**
     * The path itself when it is absolute, normalized, and free of characters debugfs requests cannot carry
     * (whitespace, quotes); conversion only touches fixed, well-known paths, so anything else is a bug or an attack.
     */
    public static String check(String path) {
        if (!path.startsWith("/") || !path.equals(normalize(path)) || path.matches(".*[\\s\"'\\\\].*")) {
            throw new IllegalArgumentException("not a plain absolute guest path: '" + path + "'");
        }
        return path;
    }

    /** A symlink target debugfs can store: no whitespace, quotes or backslashes. */
    public static String checkTarget(String target) {
        if (target.isEmpty() || target.matches(".*[\\s\"'\\\\].*")) {
            throw new IllegalArgumentException("symlink target xzone will not write: '" + target + "'");
        }
        return target;
    }

    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public static String join(String folder, String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    /** Collapses "." and ".." and repeated slashes; ".." at the root stays at the root, as the kernel does. */
    public static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    /**
     * Where a symlink at {@code linkPath} points, inside the same filesystem. An absolute target is taken from this
     * filesystem's root, after removing the mount point the filesystem has in the guest (a separate /boot partition
     * sees "/boot/grub/grub.conf" as "/grub/grub.conf"); ".." never climbs above the root.
     */
    public static String resolveTarget(String linkPath, String target, String mountPoint) {
        if (target.startsWith("/")) {
            String t = normalize(target);
            if (!mountPoint.equals("/") && (t.equals(mountPoint) || t.startsWith(mountPoint + "/"))) {
                t = t.substring(mountPoint.length());
            }
            return normalize(t);
        }
        return normalize(parent(linkPath) + "/" + target);
    }
}

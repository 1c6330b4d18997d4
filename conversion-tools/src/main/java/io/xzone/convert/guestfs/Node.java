package io.xzone.convert.guestfs;

/**
 * What a path is, without following it if it is a symlink (lstat).
 *
 * @param mode permission bits only (07777)
 */
public record Node(Type type, int mode, int uid, int gid, long size) {

    public enum Type { REGULAR, DIRECTORY, SYMLINK, OTHER }

    /** The type bits and permission bits together, as ext2 stores them (0100644). */
    public int fullMode() {
        return switch (type) {
            case REGULAR -> 0100000;
            case DIRECTORY -> 040000;
            case SYMLINK -> 0120000;
            case OTHER -> 0;
        } | mode;
    }

    static Type typeOf(int fullMode) {
        return switch (fullMode & 0170000) {
            case 0100000 -> Type.REGULAR;
            case 040000 -> Type.DIRECTORY;
            case 0120000 -> Type.SYMLINK;
            default -> Type.OTHER;
        };
    }
}

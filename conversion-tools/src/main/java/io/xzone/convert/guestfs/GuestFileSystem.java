package io.xzone.convert.guestfs;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One guest filesystem, addressed by absolute paths inside it. Implementations never follow a symlink themselves:
 * {@link GuestTree} resolves links inside the guest, so nothing outside the guest filesystem is ever read or written.
 * Calls take many paths at once because each round trip to an offline image costs a tool run.
 */
public interface GuestFileSystem {

    /** For messages: "partition 1 (ext4) of web.img" or "the guest root mounted at /mnt/web". */
    String describe();

    /**
     * lstat of each path. Paths that do not exist, or lie below something that is not a real directory (a symlink,
     * a file), are absent from the result.
     */
    Map<String, Node> lookup(Collection<String> paths) throws GuestFsException;

    /** The bytes of regular files (paths already resolved and known to be regular files). */
    Map<String, byte[]> read(Collection<String> paths) throws GuestFsException;

    /** The target of a symlink, as stored. */
    String readLink(String path) throws GuestFsException;

    /**
     * Makes each path hold its new state; each file is replaced atomically (a reader sees the old or the new file,
     * never a mix), and if writing the new content fails (a full filesystem) no file is changed at all.
     */
    void apply(List<Change> changes) throws GuestFsException;

    /**
     * Fails, before anything is written, when the filesystem has no room for these changes (each new file is written
     * beside its original before the original goes, so the new bytes must fit next to the old ones).
     */
    void checkRoom(List<Change> changes) throws GuestFsException;

    /** One path and the state it must have after {@link #apply}, with the state it has now. */
    record Change(String path, FileState before, FileState after) {
    }
}

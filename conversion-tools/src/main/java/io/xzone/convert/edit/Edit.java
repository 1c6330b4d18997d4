package io.xzone.convert.edit;

import io.xzone.convert.guestfs.FileState;

/**
 * One planned change to one guest path: what is there now and what will be, and the rule that wants it.
 *
 * @param path the path inside the volume's filesystem, symlinks already resolved
 */
public record Edit(Volume volume, String path, FileState before, FileState after, String rule) {

    /** The path as the guest sees it (a separate /boot partition's /grub/menu.lst is /boot/grub/menu.lst). */
    public String guestPath() {
        return volume.tree().guestPath(path);
    }
}

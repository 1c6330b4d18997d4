package io.xzone.convert.edit;

/**
 * The filesystems of one guest that conversion edits: partition 1, which holds the bootloader configuration (the
 * guest's /boot when it is a separate partition), and the root filesystem (the same volume when there is no separate
 * /boot).
 */
public record Guest(Volume boot, Volume root, Distribution distribution) {

    public boolean separateBoot() {
        return boot != root;
    }
}

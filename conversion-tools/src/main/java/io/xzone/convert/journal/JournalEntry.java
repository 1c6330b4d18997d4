package io.xzone.convert.journal;

import io.xzone.convert.guestfs.FileState;

/**
 * The original of one guest path, recorded before conversion first changed it.
 *
 * @param partition the partition number on the disk image (0: a mounted guest root)
 * @param original  what the path held (a regular file's bytes come from the journal's blob store)
 */
public record JournalEntry(int partition, String path, FileState original) {
}

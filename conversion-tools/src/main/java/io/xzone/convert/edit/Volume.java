package io.xzone.convert.edit;

import io.xzone.convert.guestfs.GuestTree;

/**
 * One guest filesystem conversion may edit, and how the journal finds it again: the partition number on the disk
 * image, or 0 for a guest root mounted on the host.
 */
public record Volume(int partition, GuestTree tree) {
}

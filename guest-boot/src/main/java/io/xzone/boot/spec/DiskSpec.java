package io.xzone.boot.spec;

import java.nio.file.Path;

/**
 * One virtual disk.
 *
 * @param path     the image file or block device in dom0
 * @param kind     file image or physical (block) device
 * @param target   the guest's name for it (xvda, hda, ...)
 * @param readOnly exported read-only
 * @param cdrom    an emulated CD-ROM (HVM only)
 */
public record DiskSpec(Path path, Kind kind, String target, boolean readOnly, boolean cdrom) {
    public enum Kind { FILE, PHY }
}

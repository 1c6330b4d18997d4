package io.xzone.boot.spec;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One virtual disk.
 *
 * @param path     the image file or block device in dom0
 * @param kind     file image or physical (block) device
 * @param target   the guest's name for it (xvda, hda, ...)
 * @param readOnly exported read-only
 * @param cdrom    an emulated CD-ROM (HVM only)
 * @param origin   where the disk was written (its spec line), for messages about it; not part of its identity, so a
 *                 zone written back and read again is the same zone
 */
public record DiskSpec(Path path, Kind kind, String target, boolean readOnly, boolean cdrom, Origin origin) {
    public enum Kind { FILE, PHY }

    @Override
    public boolean equals(Object other) {
        return other instanceof DiskSpec d && path.equals(d.path) && kind == d.kind && target.equals(d.target)
                && readOnly == d.readOnly && cdrom == d.cdrom;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, kind, target, readOnly, cdrom);
    }
}

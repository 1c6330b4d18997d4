package io.xzone.convert.xl;

import java.nio.file.Path;

/**
 * One entry of an xl.cfg {@code disk} list, in any of xl's syntaxes (see xl-disk-configuration(5)).
 *
 * @param target  the image file or block device, as written
 * @param format  raw, qcow2, vhd or qed
 * @param vdev    the virtual device name (xvda, xvda1, hda, sdb...)
 * @param writable whether the guest may write it
 * @param cdrom   a CD-ROM drive rather than a disk
 * @param text    the entry exactly as written, kept for messages and for the HVM config
 */
public record DiskSpec(String target, String format, String vdev, boolean writable, boolean cdrom, String text) {

    /** A vdev that names a partition (xvda1, sda2) rather than a whole disk: the guest sees a bare filesystem. */
    public boolean isPartitionDevice() {
        return vdev.matches("(xvd|hd|sd)[a-z]+[0-9]+");
    }

    /** The target as a path; relative targets are taken relative to the folder of the xl.cfg that names them. */
    public Path targetPath(Path configFolder) {
        Path path = Path.of(target);
        return path.isAbsolute() || configFolder == null ? path : configFolder.resolve(path);
    }
}

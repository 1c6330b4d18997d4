package io.xzone.convert;

import io.xzone.convert.disk.DiskImageException;
import io.xzone.convert.disk.Partition;
import io.xzone.convert.disk.PartitionTable;
import io.xzone.convert.disk.PartitionTableReader;
import io.xzone.convert.edit.Distribution;
import io.xzone.convert.edit.DistributionDetector;
import io.xzone.convert.edit.EditPlanner;
import io.xzone.convert.edit.Guest;
import io.xzone.convert.edit.Volume;
import io.xzone.convert.guestfs.Debugfs;
import io.xzone.convert.guestfs.ExtPartitionFileSystem;
import io.xzone.convert.guestfs.ExtSuperblock;
import io.xzone.convert.guestfs.GuestFsException;
import io.xzone.convert.guestfs.GuestTree;
import io.xzone.convert.guestfs.MountedRootFileSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a guest's filesystems: from a disk image (partition table read in Java, ext partitions through debugfs), or a
 * guest root already mounted on the host. Finds the root filesystem by its release files: partition 1 when it holds
 * them, else the first other ext partition that does (partition 1 is then the guest's separate /boot). Closing it
 * ends the debugfs process of each image (one per image, shared by its partitions).
 */
final class GuestDisk implements AutoCloseable {
    private final Path scratch;
    private final Map<Path, Debugfs> debugfs = new HashMap<>();

    GuestDisk(Path scratch) {
        this.scratch = scratch;
    }

    PartitionTable table(Path image) throws ConversionException {
        try {
            return new PartitionTableReader().read(image);
        } catch (DiskImageException e) {
            throw ConversionException.badInput(image + ": " + e.getMessage());
        } catch (IOException e) {
            throw ConversionException.badInput(image + ": cannot read: " + e.getMessage());
        }
    }

    /** The ext filesystem of one partition, or bad input saying what is there instead. */
    ExtPartitionFileSystem partition(Path image, PartitionTable table, int number) throws ConversionException {
        Partition partition = table.partition(number).orElseThrow(() -> ConversionException.badInput(image
                + ": has no partition " + number));
        Optional<ExtSuperblock> superblock = ext(image, partition);
        if (superblock.isEmpty()) {
            throw ConversionException.badInput(image + ": partition " + number + " (type " + partition.type()
                    + ") is not an ext2/3/4 filesystem");
        }
        return new ExtPartitionFileSystem(debugfs.computeIfAbsent(image, Debugfs::new), partition.startBytes(), "partition " + number + " ("
                + superblock.get().kind() + ") of " + image.getFileName(), scratch);
    }

    private static Optional<ExtSuperblock> ext(Path image, Partition partition) throws ConversionException {
        try {
            return ExtSuperblock.read(image, partition.startBytes());
        } catch (IOException e) {
            throw ConversionException.badInput(image + ": cannot read partition " + partition.number() + ": " + e.getMessage());
        }
    }

    Guest open(Path image) throws ConversionException, GuestFsException {
        PartitionTable table = table(image);
        Volume first = new Volume(1, new GuestTree(partition(image, table, 1), "/"));
        Optional<Distribution> onFirst = detect(first);
        if (onFirst.isPresent()) {
            return new Guest(first, first, onFirst.get());
        }
        Volume boot = new Volume(1, first.tree().mountedAt("/boot"));
        for (Partition p : table.partitions()) {
            if (p.number() == 1 || ext(image, p).isEmpty()) {
                continue;
            }
            Volume root = new Volume(p.number(), new GuestTree(partition(image, table, p.number()), "/"));
            Optional<Distribution> distribution = detect(root);
            if (distribution.isPresent()) {
                return new Guest(boot, root, distribution.get());
            }
        }
        throw ConversionException.badInput(image + ": no root filesystem found (no " + String.join(", ",
                DistributionDetector.RELEASE_FILES) + " on any ext partition)");
    }

    Guest openMounted(Path root) throws ConversionException, GuestFsException {
        if (!java.nio.file.Files.isDirectory(root)) {
            throw ConversionException.badInput(root + ": not a folder (the guest root mounted on the host)");
        }
        Volume volume = new Volume(0, new GuestTree(new MountedRootFileSystem(root), "/"));
        Distribution distribution = detect(volume).orElseThrow(() -> ConversionException.badInput(root
                + ": not a guest root (no " + String.join(", ", DistributionDetector.RELEASE_FILES) + ")"));
        return new Guest(volume, volume, distribution);
    }

    /**
     * The distribution on a volume, if it is a root. Everything conversion will read there is looked up and read in
     * the same few round trips, since every debugfs run costs milliseconds.
     */
    private static Optional<Distribution> detect(Volume volume) throws GuestFsException {
        EditPlanner planner = new EditPlanner();
        List<String> paths = new ArrayList<>(DistributionDetector.RELEASE_FILES);
        paths.addAll(planner.rootPaths());
        if (volume.partition() <= 1) {
            paths.addAll(planner.bootPaths());
        }
        volume.tree().preloadFiles(paths);
        return new DistributionDetector().detect(volume.tree());
    }

    @Override
    public void close() {
        debugfs.values().forEach(Debugfs::close);
        debugfs.clear();
    }
}

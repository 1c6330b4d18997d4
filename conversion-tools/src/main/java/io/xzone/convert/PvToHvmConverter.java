package io.xzone.convert;

import io.xzone.convert.edit.BootConfigs;
import io.xzone.convert.edit.Edit;
import io.xzone.convert.edit.EditPlanner;
import io.xzone.convert.edit.Guest;
import io.xzone.convert.edit.UnifiedDiff;
import io.xzone.convert.edit.Volume;
import io.xzone.convert.guestfs.ExtSuperblock;
import io.xzone.convert.guestfs.GuestFileSystem;
import io.xzone.convert.guestfs.GuestFsException;
import io.xzone.convert.iso.GrubFlavor;
import io.xzone.convert.iso.GrubIsoBuilder;
import io.xzone.convert.iso.IsoBuildException;
import io.xzone.convert.journal.Journal;
import io.xzone.convert.journal.JournalException;
import io.xzone.convert.xl.DiskSpec;
import io.xzone.convert.xl.HvmConfigWriter;
import io.xzone.convert.xl.XlConfig;
import io.xzone.convert.xl.XlConfigException;
import io.xzone.convert.xl.XlConfigReader;
import io.xzone.convert.xl.ZoneSpecWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts one PV guest to HVM, offline: checks the config and the disk (bad input leaves everything untouched),
 * plans the edits, records every original in the journal, applies the edits atomically file by file, checks they
 * stuck, and writes the HVM xl.cfg and zone spec that boot the guest from the shared GRUB CD.
 */
public final class PvToHvmConverter {
    private static final Logger LOG = LoggerFactory.getLogger(PvToHvmConverter.class);

    private final Path stateDir;
    private final GrubIsoBuilder isos;

    public PvToHvmConverter(Path stateDir, GrubIsoBuilder isos) {
        this.stateDir = stateDir;
        this.isos = isos;
    }

    /**
     * @param mountedRoot the guest root already mounted on the host, or null to edit the config's disk image offline
     * @param dryRun      plan and show diffs, write nothing
     */
    public ConversionResult convert(Path config, Path mountedRoot, boolean dryRun) {
        String guest = config.getFileName().toString().replaceFirst("\\.cfg$", "");
        try {
            XlConfig pv = readConfig(config);
            guest = pv.name();
            Path scratch = Files.createTempDirectory("xzone-convert-");
            try (GuestDisk disks = new GuestDisk(scratch)) {
                return convert(pv, mountedRoot, dryRun, disks);
            } finally {
                deleteScratch(scratch);
            }
        } catch (ConversionException e) {
            return ConversionResult.failed(guest, config, e);
        } catch (GuestFsException e) {
            return ConversionResult.failed(guest, config, ConversionException.failed(e.getMessage()));
        } catch (IOException e) {
            return ConversionResult.failed(guest, config, ConversionException.failed("I/O error: " + e.getMessage()));
        }
    }

    private ConversionResult convert(XlConfig pv, Path mountedRoot, boolean dryRun, GuestDisk disks)
            throws ConversionException, GuestFsException, IOException {
        Path image = null;
        Guest guest;
        if (mountedRoot == null) {
            image = imageOf(pv, dryRun);
            guest = disks.open(image);
        } else {
            guest = disks.openMounted(mountedRoot);
        }
        BootConfigs.Kind kind = BootConfigs.find(guest);
        if (kind == BootConfigs.Kind.NONE) {
            throw ConversionException.badInput(guest.boot().tree().fs().describe()
                    + ": no bootloader configuration found (looked for " + String.join(", ", BootConfigs.GRUB2_CONFIGS)
                    + ", " + String.join(", ", BootConfigs.LEGACY_MENUS) + ")");
        }
        GrubFlavor flavor = kind == BootConfigs.Kind.LEGACY && legacyCanBoot(disks, image) ? GrubFlavor.LEGACY
                : GrubFlavor.GRUB2;
        List<Edit> edits = new EditPlanner().plan(guest);
        Path folder = pv.file().toAbsolutePath().getParent();
        List<Path> outputs = List.of(folder.resolve(pv.name() + ".hvm.cfg"), folder.resolve(pv.name() + ".zone.toml"));
        List<String> changed = edits.stream().map(e -> e.guestPath() + " (" + e.rule() + ")").toList();
        if (dryRun) {
            List<String> diffs = edits.stream().map(e -> UnifiedDiff.of(e.guestPath(), e.before(), e.after())).toList();
            return new ConversionResult(pv.name(), pv.file(), ConversionResult.Status.PLANNED, "", null,
                    guest.distribution(), flavor.fileName(), changed, diffs, outputs);
        }
        checkRoom(edits);
        try (GuestLock lock = GuestLock.acquire(stateDir, pv.name())) {
            Journal journal = Journal.of(stateDir, pv.name());
            boolean wasComplete = journal.complete();
            journal.begin(new Journal.Target(image == null ? Journal.Target.MOUNTED : Journal.Target.IMAGE,
                    image == null ? mountedRoot.toAbsolutePath() : image.toAbsolutePath(), pv.file().toAbsolutePath()),
                    edits.stream().map(edit -> new io.xzone.convert.journal.JournalEntry(edit.volume().partition(),
                            edit.path(), edit.before())).toList(), outputs);
            // Each filesystem checks what it wrote (staged bytes read back, the result listed) before returning.
            apply(edits);
            Path iso = isos.iso(flavor);
            boolean outputsChanged = writeOutputs(outputs, List.of(new HvmConfigWriter().write(pv, iso),
                    new ZoneSpecWriter().write(pv, iso)));
            journal.markComplete();
            boolean converted = !edits.isEmpty() || outputsChanged || !wasComplete;
            LOG.info("{}: {} ({} edits)", pv.name(), converted ? "converted" : "unchanged", edits.size());
            return new ConversionResult(pv.name(), pv.file(), converted ? ConversionResult.Status.CONVERTED
                    : ConversionResult.Status.UNCHANGED, "", null, guest.distribution(), flavor.fileName(), changed,
                    List.of(), outputs);
        } catch (JournalException e) {
            throw ConversionException.failed(e.getMessage());
        } catch (IsoBuildException e) {
            throw ConversionException.failed("GRUB CD: " + e.getMessage());
        } catch (XlConfigException e) {
            throw ConversionException.badInput(e.getMessage());
        }
    }

    /**
     * GRUB Legacy 0.97 reads neither GPT nor grub.cfg, and not every ext4 (it stopped with "Error 16: Inconsistent
     * filesystem structure" loading an extent-mapped initrd): it boots MBR guests whose partition 1 is ext2 or ext3.
     * GRUB 2 reads menu.lst too (legacy_configfile), so it takes every other guest. A mounted root gives no disk to
     * judge: GRUB 2.
     */
    private static boolean legacyCanBoot(GuestDisk disks, Path image) throws ConversionException, IOException {
        if (image == null) {
            return false;
        }
        io.xzone.convert.disk.PartitionTable table = disks.table(image);
        long start = table.partition(1).orElseThrow().startBytes();
        return table.scheme() == io.xzone.convert.disk.PartitionTable.Scheme.MBR
                && !ExtSuperblock.read(image, start).map(ExtSuperblock::kind).orElse("ext4").equals("ext4");
    }

    /** Groups the edits by volume, as the filesystem changes each volume applies at once. */
    private static Map<Volume, List<GuestFileSystem.Change>> byVolume(List<Edit> edits) {
        Map<Volume, List<GuestFileSystem.Change>> byVolume = new LinkedHashMap<>();
        for (Edit edit : edits) {
            byVolume.computeIfAbsent(edit.volume(), v -> new ArrayList<>())
                    .add(new GuestFileSystem.Change(edit.path(), edit.before(), edit.after()));
        }
        return byVolume;
    }

    /** A full filesystem is bad input found before anything is written, like any other problem of the disk. */
    private static void checkRoom(List<Edit> edits) throws ConversionException {
        for (Map.Entry<Volume, List<GuestFileSystem.Change>> entry : byVolume(edits).entrySet()) {
            try {
                entry.getKey().tree().fs().checkRoom(entry.getValue());
            } catch (GuestFsException e) {
                throw ConversionException.badInput(e.getMessage());
            }
        }
    }

    /** Applies the edits volume by volume, each file atomically. */
    private static void apply(List<Edit> edits) throws GuestFsException {
        for (Map.Entry<Volume, List<GuestFileSystem.Change>> entry : byVolume(edits).entrySet()) {
            entry.getKey().tree().apply(entry.getValue());
        }
    }

    /**
     * Writes each output (journaled by {@link Journal#begin}, so rollback removes it) through a sibling renamed over
     * it; true if any changed. Not synced: a rerun writes the very same files again.
     */
    private static boolean writeOutputs(List<Path> files, List<String> contents) throws IOException {
        boolean changed = false;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            if (Files.exists(file) && Files.readString(file).equals(contents.get(i))) {
                continue;
            }
            Path temp = file.resolveSibling("." + file.getFileName() + ".xzone-new");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(contents.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            changed = true;
        }
        return changed;
    }

    private static XlConfig readConfig(Path config) throws ConversionException {
        XlConfig pv;
        try {
            pv = new XlConfigReader().read(config);
        } catch (XlConfigException e) {
            throw ConversionException.badInput(e.getMessage());
        }
        if (!pv.guestType().equals("pv")) {
            throw ConversionException.badInput(pv.error(pv.settings().containsKey("type") ? "type" : "builder",
                    "the guest is already " + pv.guestType() + ", not PV").getMessage());
        }
        return pv;
    }

    /** The guest's first disk as an image xzone may edit, or bad input saying why not. */
    private static Path imageOf(XlConfig pv, boolean dryRun) throws ConversionException {
        DiskSpec disk = pv.disks().stream().filter(d -> !d.cdrom()).findFirst().orElseThrow(() ->
                ConversionException.badInput(pv.error("disk", "no disk to convert").getMessage()));
        if (disk.isPartitionDevice()) {
            throw ConversionException.badInput(pv.error("disk", "the first disk '" + disk.text() + "' is the partition "
                    + disk.vdev() + ", a bare filesystem: HVM boots a whole disk with a partition table").getMessage());
        }
        if (!disk.format().equals("raw")) {
            throw ConversionException.badInput(pv.error("disk", "disk format " + disk.format() + " is not supported: "
                    + "convert it to raw first (qemu-img convert -O raw)").getMessage());
        }
        Path image = disk.targetPath(pv.file().toAbsolutePath().getParent());
        if (!Files.exists(image)) {
            throw ConversionException.badInput(pv.error("disk", "image " + image + " does not exist").getMessage());
        }
        if (Files.isDirectory(image)) {
            throw ConversionException.badInput(pv.error("disk", "image " + image + " is a folder").getMessage());
        }
        if (!dryRun) {
            checkWritable(pv, image);
        }
        return image;
    }

    /**
     * An image nobody may write (no w bit) is one an operator set aside, even though root could write it; and the
     * open for writing catches read-only mounts and immutable files.
     */
    private static void checkWritable(XlConfig pv, Path image) throws ConversionException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(image);
            if (!permissions.contains(PosixFilePermission.OWNER_WRITE) && !permissions.contains(PosixFilePermission.GROUP_WRITE)
                    && !permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw ConversionException.badInput(pv.error("disk", "image " + image + " is read-only ("
                        + java.nio.file.attribute.PosixFilePermissions.toString(permissions) + ")").getMessage());
            }
            try (FileChannel channel = FileChannel.open(image, StandardOpenOption.WRITE)) {
                LOG.debug("{} is writable ({} bytes)", image, channel.size());
            }
        } catch (AccessDeniedException e) {
            throw ConversionException.badInput(pv.error("disk", "image " + image + " is not writable").getMessage());
        } catch (IOException e) {
            throw ConversionException.badInput(pv.error("disk", "image " + image + " cannot be opened for writing: "
                    + e.getMessage()).getMessage());
        }
    }

    private static void deleteScratch(Path scratch) {
        try (var files = Files.walk(scratch)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.debug("cannot remove scratch folder {}: {}", scratch, e.getMessage());
        }
    }
}

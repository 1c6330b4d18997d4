package io.xzone.convert;

import io.xzone.convert.disk.PartitionTable;
import io.xzone.convert.guestfs.FileState;
import io.xzone.convert.guestfs.GuestFileSystem;
import io.xzone.convert.guestfs.GuestFsException;
import io.xzone.convert.guestfs.GuestTree;
import io.xzone.convert.guestfs.MountedRootFileSystem;
import io.xzone.convert.journal.Journal;
import io.xzone.convert.journal.JournalEntry;
import io.xzone.convert.journal.JournalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a converted guest back as it was: every journaled path gets its original bytes, mode, owner and group (or its
 * symlink, or goes away if conversion created it), checked after writing; the HVM config and zone spec go; the
 * journal is removed last, so a killed rollback can simply be run again.
 */
public final class Rollback {
    private final Path stateDir;

    public Rollback(Path stateDir) {
        this.stateDir = stateDir;
    }

    public ConversionResult rollback(String guest) {
        Journal journal = Journal.of(stateDir, guest);
        try {
            if (!journal.exists()) {
                throw new ConversionException(ConversionException.Kind.NOT_FOUND, "no conversion of guest '" + guest
                        + "' is recorded in " + stateDir.resolve("journal"));
            }
            Path scratch = Files.createTempDirectory("xzone-rollback-");
            try (GuestLock lock = GuestLock.acquire(stateDir, guest)) {
                Journal.Target target = journal.target().orElseThrow(() -> ConversionException.failed(
                        "the journal of " + guest + " names no image"));
                List<String> restored = restore(journal, target, scratch);
                List<Path> outputs = journal.outputs();
                for (Path output : outputs) {
                    Files.deleteIfExists(output);
                }
                journal.delete();
                return new ConversionResult(guest, target.config(), ConversionResult.Status.ROLLED_BACK, "", null,
                        io.xzone.convert.edit.Distribution.unknown(), "", restored, List.of(), outputs);
            } finally {
                try (var files = Files.walk(scratch)) {
                    for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (ConversionException e) {
            return ConversionResult.failed(guest, null, e);
        } catch (JournalException | GuestFsException e) {
            return ConversionResult.failed(guest, null, ConversionException.failed(e.getMessage()));
        } catch (IOException e) {
            return ConversionResult.failed(guest, null, ConversionException.failed("I/O error: " + e.getMessage()));
        }
    }

    private static List<String> restore(Journal journal, Journal.Target target, Path scratch)
            throws IOException, JournalException, ConversionException, GuestFsException {
        try (GuestDisk disks = new GuestDisk(scratch)) {
            return restore(journal.entries(), target, disks);
        }
    }

    private static List<String> restore(List<JournalEntry> entries, Journal.Target target, GuestDisk disks)
            throws IOException, ConversionException, GuestFsException {
        Map<Integer, List<JournalEntry>> byPartition = new LinkedHashMap<>();
        for (JournalEntry entry : entries) {
            byPartition.computeIfAbsent(entry.partition(), p -> new ArrayList<>()).add(entry);
        }
        List<String> restored = new ArrayList<>();
        PartitionTable table = target.kind().equals(Journal.Target.IMAGE) ? disks.table(target.path()) : null;
        for (Map.Entry<Integer, List<JournalEntry>> group : byPartition.entrySet()) {
            GuestFileSystem fs = table == null ? new MountedRootFileSystem(target.path())
                    : disks.partition(target.path(), table, group.getKey());
            List<GuestFileSystem.Change> changes = new ArrayList<>();
            GuestTree before = new GuestTree(fs, "/");
            before.prefetch(group.getValue().stream().map(JournalEntry::path).toList());
            for (JournalEntry entry : group.getValue()) {
                FileState now = before.state(entry.path());
                if (!now.equals(entry.original())) {
                    changes.add(new GuestFileSystem.Change(entry.path(), now, entry.original()));
                    restored.add(entry.path());
                }
            }
            new GuestTree(fs, "/").apply(changes);
            GuestTree after = new GuestTree(fs, "/");
            after.prefetch(group.getValue().stream().map(JournalEntry::path).toList());
            for (JournalEntry entry : group.getValue()) {
                FileState now = after.state(entry.path());
                if (!now.equals(entry.original())) {
                    throw ConversionException.failed("restoring " + entry.path() + " in " + fs.describe()
                            + " did not give back the original");
                }
            }
        }
        return restored;
    }
}

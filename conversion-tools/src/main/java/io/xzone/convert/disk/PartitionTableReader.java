package io.xzone.convert.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Reads MBR (with logical partitions in an extended one) and GPT partition tables from a disk image or block device,
 * with 512-byte sectors as Xen's block backends present them. Checks what a wrong table would break: the MBR signature,
 * the GPT header CRC, partitions that end past the end of the image.
 */
public final class PartitionTableReader {
    private static final int SECTOR = 512;
    private static final long GPT_SIGNATURE = 0x5452415020494645L; // "EFI PART", little-endian
    private static final int MAX_LOGICAL = 128;

    public PartitionTable read(Path image) throws IOException, DiskImageException {
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.READ)) {
            long size = size(channel, image);
            if (size < SECTOR) {
                throw new DiskImageException("no partition table: the image is only " + size + " bytes");
            }
            ByteBuffer mbr = readAt(channel, 0, SECTOR);
            if ((mbr.get(510) & 0xff) != 0x55 || (mbr.get(511) & 0xff) != 0xaa) {
                throw new DiskImageException("no partition table (no MBR signature in sector 0)"
                        + (hasExtSuperblockAtStart(channel) ? ": the image is a bare filesystem, not a partitioned disk" : ""));
            }
            PartitionTable table = hasProtectiveEntry(mbr) ? readGpt(channel, size) : readMbr(channel, mbr, size);
            if (table.partitions().isEmpty()) {
                throw new DiskImageException("the " + table.scheme() + " partition table has no partitions");
            }
            return table;
        }
    }

    /** The length of an image file, or of a block device (whose channel reports 0) from sysfs. */
    static long size(FileChannel channel, Path image) throws IOException {
        if (java.nio.file.Files.isRegularFile(image)) {
            return channel.size();
        }
        Path device = image.toRealPath();
        Path sectors = Path.of("/sys/class/block", device.getFileName().toString(), "size");
        if (!java.nio.file.Files.exists(sectors)) {
            throw new IOException(image + " is neither a file nor a block device");
        }
        return Long.parseLong(java.nio.file.Files.readString(sectors).trim()) * SECTOR;
    }

    private static boolean hasExtSuperblockAtStart(FileChannel channel) throws IOException {
        if (channel.size() < 2048) {
            return false;
        }
        ByteBuffer sb = readAt(channel, 1024, 64);
        return (sb.getShort(56) & 0xffff) == 0xef53;
    }

    private static boolean hasProtectiveEntry(ByteBuffer mbr) {
        for (int i = 0; i < 4; i++) {
            if ((mbr.get(446 + i * 16 + 4) & 0xff) == 0xee) {
                return true;
            }
        }
        return false;
    }

    private static PartitionTable readMbr(FileChannel channel, ByteBuffer mbr, long size)
            throws IOException, DiskImageException {
        List<Partition> partitions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int entry = 446 + i * 16;
            int type = mbr.get(entry + 4) & 0xff;
            long start = Integer.toUnsignedLong(mbr.getInt(entry + 8));
            long sectors = Integer.toUnsignedLong(mbr.getInt(entry + 12));
            if (type == 0 || sectors == 0) {
                continue;
            }
            if (type == 0x05 || type == 0x0f || type == 0x85) {
                readLogical(channel, start, size, partitions);
                continue;
            }
            partitions.add(checked(new Partition(i + 1, start * SECTOR, sectors * SECTOR, String.format("%02x", type)), size));
        }
        return new PartitionTable(PartitionTable.Scheme.MBR, partitions);
    }

    /** Walks the chain of extended boot records; logical partitions are numbered from 5 as Linux does. */
    private static void readLogical(FileChannel channel, long extendedStart, long size, List<Partition> partitions)
            throws IOException, DiskImageException {
        long ebr = extendedStart;
        for (int number = 5; number < 5 + MAX_LOGICAL; number++) {
            if (ebr * SECTOR + SECTOR > size) {
                throw new DiskImageException("the extended partition points past the end of the image");
            }
            ByteBuffer sector = readAt(channel, ebr * SECTOR, SECTOR);
            if ((sector.get(510) & 0xff) != 0x55 || (sector.get(511) & 0xff) != 0xaa) {
                throw new DiskImageException("broken extended partition chain at sector " + ebr);
            }
            int type = sector.get(446 + 4) & 0xff;
            long start = Integer.toUnsignedLong(sector.getInt(446 + 8));
            long sectors = Integer.toUnsignedLong(sector.getInt(446 + 12));
            if (type != 0 && sectors != 0) {
                partitions.add(checked(new Partition(number, (ebr + start) * SECTOR, sectors * SECTOR,
                        String.format("%02x", type)), size));
            }
            long next = Integer.toUnsignedLong(sector.getInt(446 + 16 + 8));
            if (next == 0) {
                return;
            }
            ebr = extendedStart + next;
        }
        throw new DiskImageException("more than " + MAX_LOGICAL + " logical partitions (a loop in the chain?)");
    }

    private static PartitionTable readGpt(FileChannel channel, long size) throws IOException, DiskImageException {
        if (size < 2 * SECTOR) {
            throw new DiskImageException("GPT disk too small for its header");
        }
        ByteBuffer header = readAt(channel, SECTOR, SECTOR);
        if (header.getLong(0) != GPT_SIGNATURE) {
            throw new DiskImageException("protective MBR but no GPT header in sector 1");
        }
        int headerSize = header.getInt(12);
        if (headerSize < 92 || headerSize > SECTOR) {
            throw new DiskImageException("GPT header size " + headerSize + " is invalid");
        }
        int storedCrc = header.getInt(16);
        ByteBuffer forCrc = readAt(channel, SECTOR, headerSize);
        forCrc.putInt(16, 0);
        CRC32 crc = new CRC32();
        crc.update(forCrc.array(), 0, headerSize);
        if ((int) crc.getValue() != storedCrc) {
            throw new DiskImageException("the GPT header checksum is wrong (damaged partition table)");
        }
        long entriesLba = header.getLong(72);
        int count = header.getInt(80);
        int entrySize = header.getInt(84);
        if (count <= 0 || count > 1024 || entrySize < 128 || entrySize > 4096) {
            throw new DiskImageException("GPT header lists " + count + " entries of " + entrySize + " bytes");
        }
        ByteBuffer entries = readAt(channel, entriesLba * SECTOR, count * entrySize);
        CRC32 entriesCrc = new CRC32();
        entriesCrc.update(entries.array(), 0, count * entrySize);
        if ((int) entriesCrc.getValue() != header.getInt(88)) {
            throw new DiskImageException("the GPT partition entries checksum is wrong (damaged partition table)");
        }
        List<Partition> partitions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = i * entrySize;
            long typeLow = entries.getLong(at);
            long typeHigh = entries.getLong(at + 8);
            if (typeLow == 0 && typeHigh == 0) {
                continue;
            }
            long first = entries.getLong(at + 32);
            long last = entries.getLong(at + 40);
            if (last < first) {
                throw new DiskImageException("GPT partition " + (i + 1) + " ends before it starts");
            }
            byte[] guid = new byte[16];
            entries.get(at, guid);
            partitions.add(checked(new Partition(i + 1, first * SECTOR, (last - first + 1) * SECTOR, guid(guid)), size));
        }
        return new PartitionTable(PartitionTable.Scheme.GPT, partitions);
    }

    private static Partition checked(Partition partition, long size) throws DiskImageException {
        if (partition.startBytes() + partition.sizeBytes() > size) {
            throw new DiskImageException("partition " + partition.number() + " ends at byte "
                    + (partition.startBytes() + partition.sizeBytes()) + ", past the end of the image (" + size
                    + " bytes): truncated image?");
        }
        return partition;
    }

    /** A GPT GUID in its usual text form (the first three fields are little-endian on disk). */
    private static String guid(byte[] b) {
        HexFormat hex = HexFormat.of().withUpperCase();
        return hex.formatHex(new byte[] {b[3], b[2], b[1], b[0]}) + "-" + hex.formatHex(new byte[] {b[5], b[4]}) + "-"
                + hex.formatHex(new byte[] {b[7], b[6]}) + "-" + hex.formatHex(b, 8, 10) + "-" + hex.formatHex(b, 10, 16);
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                break;
            }
        }
        buffer.clear();
        return buffer;
    }
}

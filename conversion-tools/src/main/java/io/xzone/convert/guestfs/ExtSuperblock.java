package io.xzone.convert.guestfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The superblock fields conversion needs, read in Java: which ext version a partition holds, and how much room is
 * left (checked before any edit, so a full filesystem is refused while nothing has been touched).
 */
public record ExtSuperblock(String kind, long blockSize, long freeBlocks, long freeInodes) {
    private static final int MAGIC = 0xef53;
    private static final int COMPAT_HAS_JOURNAL = 0x4;
    private static final int INCOMPAT_64BIT = 0x80;
    private static final int INCOMPAT_EXT4_ONLY = 0x40 | 0x80 | 0x200 | 0x400 | 0x1000 | 0x8000; // extents, 64bit, flex_bg...

    /** The superblock of the filesystem at {@code offset}, or empty when there is no ext filesystem there. */
    public static Optional<ExtSuperblock> read(Path image, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.READ)) {
            ByteBuffer sb = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
            while (sb.hasRemaining()) {
                if (channel.read(sb, offset + 1024 + sb.position()) < 0) {
                    return Optional.empty();
                }
            }
            if ((sb.getShort(56) & 0xffff) != MAGIC) {
                return Optional.empty();
            }
            int compat = sb.getInt(92);
            int incompat = sb.getInt(96);
            String kind = (incompat & INCOMPAT_EXT4_ONLY) != 0 ? "ext4"
                    : (compat & COMPAT_HAS_JOURNAL) != 0 ? "ext3" : "ext2";
            long freeBlocks = Integer.toUnsignedLong(sb.getInt(12));
            if ((incompat & INCOMPAT_64BIT) != 0) {
                freeBlocks |= Integer.toUnsignedLong(sb.getInt(0x158)) << 32;
            }
            return Optional.of(new ExtSuperblock(kind, 1024L << sb.getInt(24), freeBlocks,
                    Integer.toUnsignedLong(sb.getInt(16))));
        }
    }
}

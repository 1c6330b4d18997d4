package io.xzone.convert.guestfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** The few superblock fields that tell whether a partition holds ext2, ext3 or ext4 (read in Java, no tool needed). */
public final class ExtSuperblock {
    private static final int MAGIC = 0xef53;
    private static final int COMPAT_HAS_JOURNAL = 0x4;
    private static final int INCOMPAT_EXT4_ONLY = 0x40 | 0x80 | 0x200 | 0x400 | 0x1000 | 0x8000; // extents, 64bit, flex_bg...

    private ExtSuperblock() {
    }

    /** "ext2", "ext3" or "ext4" when an ext superblock sits at {@code offset}, else empty. */
    public static Optional<String> kind(Path image, long offset) throws IOException {
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
            if ((incompat & INCOMPAT_EXT4_ONLY) != 0) {
                return Optional.of("ext4");
            }
            return Optional.of((compat & COMPAT_HAS_JOURNAL) != 0 ? "ext3" : "ext2");
        }
    }
}

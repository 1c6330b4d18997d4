package io.xzone.boot.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Reads the "Xen" ELF notes of a kernel in plain Java, so the backend can be checked before any hypercall. Looks in
 * PT_NOTE program headers first and falls back to SHT_NOTE sections, like libelf.
 */
public final class ElfNotes {
    private static final int PT_NOTE = 4;
    private static final int SHT_NOTE = 7;
    private static final int ELFCLASS32 = 1;
    private static final int ELFCLASS64 = 2;
    private static final int ELFDATA2LSB = 1;
    private static final int ELFDATA2MSB = 2;
    /** Notes whose payload is text; the others are addresses or flags shown in hex. */
    private static final Set<Integer> TEXT_NOTES = Set.of(XenNote.XEN_VERSION, XenNote.GUEST_OS, XenNote.LOADER,
            XenNote.FEATURES);
    private static final byte[] BZIMAGE_MAGIC = "HdrS".getBytes(StandardCharsets.US_ASCII);
    private static final int BZIMAGE_MAGIC_OFFSET = 0x202;

    private ElfNotes() {
    }

    /** The kernel's Xen capabilities; a missing file or a non-ELF file is a {@link KernelImageException}. */
    public static KernelCapabilities inspect(Path kernel) {
        ByteBuffer image;
        try (FileChannel channel = FileChannel.open(kernel, StandardOpenOption.READ)) {
            image = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        } catch (NoSuchFileException e) {
            throw new KernelImageException("kernel " + kernel + " does not exist");
        } catch (IOException e) {
            throw new KernelImageException("cannot read kernel " + kernel + ": " + e.getMessage(), e);
        }
        try {
            return new KernelCapabilities(kernel, xenNotes(kernel, image));
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new KernelImageException("kernel " + kernel + " is a damaged ELF file: a header points outside it", e);
        }
    }

    private static Map<Integer, String> xenNotes(Path kernel, ByteBuffer image) {
        // A fresh buffer reads big-endian: the magic as it appears in the file.
        if (image.limit() < 64 || image.getInt(0) != 0x7f454c46) {
            throw new KernelImageException(notElf(kernel, image));
        }
        int elfClass = image.get(4);
        int data = image.get(5);
        if ((elfClass != ELFCLASS32 && elfClass != ELFCLASS64) || (data != ELFDATA2LSB && data != ELFDATA2MSB)) {
            throw new KernelImageException("kernel " + kernel + " has an unknown ELF class or byte order");
        }
        image.order(data == ELFDATA2LSB ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        ElfHeader header = ElfHeader.read(image, elfClass == ELFCLASS64);
        Map<Integer, String> notes = new HashMap<>();
        for (int i = 0; i < header.phnum(); i++) {
            int ph = Math.toIntExact(header.phoff() + (long) i * header.phentsize());
            if (image.getInt(ph) == PT_NOTE) {
                readNotes(image, header.segmentOffset(image, ph), header.segmentSize(image, ph), notes);
            }
        }
        if (notes.isEmpty()) {
            for (int i = 0; i < header.shnum(); i++) {
                int sh = Math.toIntExact(header.shoff() + (long) i * header.shentsize());
                if (image.getInt(sh + 4) == SHT_NOTE) {
                    readNotes(image, header.sectionOffset(image, sh), header.sectionSize(image, sh), notes);
                }
            }
        }
        return notes;
    }

    private static String notElf(Path kernel, ByteBuffer image) {
        boolean bzImage = image.limit() > BZIMAGE_MAGIC_OFFSET + 4;
        for (int i = 0; bzImage && i < BZIMAGE_MAGIC.length; i++) {
            bzImage = image.get(BZIMAGE_MAGIC_OFFSET + i) == BZIMAGE_MAGIC[i];
        }
        return bzImage
                ? "kernel " + kernel + " is a compressed bzImage, not an ELF file; give the uncompressed vmlinux "
                        + "(the kernel's scripts/extract-vmlinux cuts it out)"
                : "kernel " + kernel + " is not an ELF file";
    }

    /** Walks one note area: namesz, descsz, type, then name and desc, each padded to 4 bytes. */
    private static void readNotes(ByteBuffer image, long offset, long size, Map<Integer, String> notes) {
        long end = offset + size;
        long at = offset;
        while (at + 12 <= end) {
            int pos = Math.toIntExact(at);
            int nameSize = image.getInt(pos);
            int descSize = image.getInt(pos + 4);
            int type = image.getInt(pos + 8);
            if (nameSize < 0 || descSize < 0) {
                return;
            }
            int name = pos + 12;
            int desc = name + align4(nameSize);
            if (desc + (long) descSize > end) {
                return;
            }
            if (nameSize == 4 && "Xen".equals(string(image, name, 3))) {
                notes.put(type, TEXT_NOTES.contains(type) ? string(image, desc, descSize) : hex(image, desc, descSize));
            }
            at = desc + (long) align4(descSize);
        }
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }

    private static String string(ByteBuffer image, int at, int length) {
        byte[] bytes = new byte[length];
        image.get(at, bytes);
        int end = 0;
        while (end < length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }

    private static String hex(ByteBuffer image, int at, int length) {
        byte[] bytes = new byte[length];
        image.get(at, bytes);
        if (image.order() == ByteOrder.LITTLE_ENDIAN) {
            for (int i = 0; i < length / 2; i++) {
                byte b = bytes[i];
                bytes[i] = bytes[length - 1 - i];
                bytes[length - 1 - i] = b;
            }
        }
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    /** The few ELF header fields the note walk needs, for 32- and 64-bit files. */
    private record ElfHeader(boolean is64, long phoff, int phentsize, int phnum, long shoff, int shentsize, int shnum) {
        static ElfHeader read(ByteBuffer b, boolean is64) {
            if (is64) {
                return new ElfHeader(true, b.getLong(32), Short.toUnsignedInt(b.getShort(54)),
                        Short.toUnsignedInt(b.getShort(56)), b.getLong(40), Short.toUnsignedInt(b.getShort(58)),
                        Short.toUnsignedInt(b.getShort(60)));
            }
            return new ElfHeader(false, Integer.toUnsignedLong(b.getInt(28)), Short.toUnsignedInt(b.getShort(42)),
                    Short.toUnsignedInt(b.getShort(44)), Integer.toUnsignedLong(b.getInt(32)),
                    Short.toUnsignedInt(b.getShort(46)), Short.toUnsignedInt(b.getShort(48)));
        }

        long segmentOffset(ByteBuffer b, int ph) {
            return is64 ? b.getLong(ph + 8) : Integer.toUnsignedLong(b.getInt(ph + 4));
        }

        long segmentSize(ByteBuffer b, int ph) {
            return is64 ? b.getLong(ph + 32) : Integer.toUnsignedLong(b.getInt(ph + 16));
        }

        long sectionOffset(ByteBuffer b, int sh) {
            return is64 ? b.getLong(sh + 24) : Integer.toUnsignedLong(b.getInt(sh + 16));
        }

        long sectionSize(ByteBuffer b, int sh) {
            return is64 ? b.getLong(sh + 32) : Integer.toUnsignedLong(b.getInt(sh + 20));
        }
    }
}

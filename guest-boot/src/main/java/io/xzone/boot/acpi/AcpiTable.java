package io.xzone.boot.acpi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A System Description Table: the 36-byte header every ACPI table but the RSDP and FACS starts with (ACPI 6.5,
 * 5.2.6), then the body, with the checksum that makes all its bytes sum to zero. The OEM fields are libacpi's ("Xen",
 * "HVM"), so a guest sees the same identity whichever toolstack built its tables.
 */
final class AcpiTable {
    static final int HEADER_SIZE = 36;
    static final int CHECKSUM_OFFSET = 9;
    private static final String OEM_ID = "Xen";
    private static final String OEM_TABLE_ID = "HVM";
    private static final String CREATOR_ID = "XZNE";

    private AcpiTable() {
    }

    /** The whole table: header (length and checksum filled in) followed by {@code body}. */
    static byte[] of(String signature, int revision, byte[] body) {
        ByteBuffer table = littleEndian(HEADER_SIZE + body.length);
        table.put(ascii(signature, 4));
        table.putInt(HEADER_SIZE + body.length);
        table.put((byte) revision);
        table.put((byte) 0);
        table.put(ascii(OEM_ID, 6));
        table.put(ascii(OEM_TABLE_ID, 8));
        table.putInt(0);
        table.put(ascii(CREATOR_ID, 4));
        table.putInt(1);
        table.put(body);
        byte[] bytes = table.array();
        bytes[CHECKSUM_OFFSET] = checksum(bytes, 0, bytes.length);
        return bytes;
    }

    /** The byte that, stored in a zeroed checksum field, makes {@code length} bytes from {@code offset} sum to 0 mod 256. */
    static byte checksum(byte[] bytes, int offset, int length) {
        int sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += bytes[i];
        }
        return (byte) -sum;
    }

    /** A guest address for a 32-bit table field: the tables of a PVH guest all lie below 4 GiB. */
    static int below4g(long address) {
        if (address < 0 || address >>> 32 != 0) {
            throw new IllegalArgumentException("ACPI address 0x" + Long.toHexString(address) + " is not below 4 GiB");
        }
        return (int) address;
    }

    static ByteBuffer littleEndian(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** {@code text} in ASCII, padded with NULs (or cut) to {@code width} bytes, as ACPI's fixed-width fields are. */
    static byte[] ascii(String text, int width) {
        byte[] field = new byte[width];
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, field, 0, Math.min(width, bytes.length));
        return field;
    }
}

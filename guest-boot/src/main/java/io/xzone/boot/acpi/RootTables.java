package io.xzone.boot.acpi;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The tables that lead a guest to all others: the RSDP (ACPI 6.5, 5.2.5; revision 2, 36 bytes, with the ACPI 1.0
 * checksum over its first 20 bytes and the extended one over all 36), the XSDT (64-bit pointers) and, for ACPI 1.0
 * readers, the RSDT (32-bit pointers); both list the same tables.
 */
final class RootTables {
    static final String RSDP_SIGNATURE = "RSD PTR ";
    static final int RSDP_LENGTH = 36;
    static final int RSDP_V1_LENGTH = 20;
    static final int RSDP_CHECKSUM_OFFSET = 8;
    static final int RSDP_EXTENDED_CHECKSUM_OFFSET = 32;
    static final int RSDP_REVISION = 2;

    private RootTables() {
    }

    static byte[] xsdt(List<Long> tables) {
        ByteBuffer body = AcpiTable.littleEndian(Long.BYTES * tables.size());
        tables.forEach(body::putLong);
        return AcpiTable.of("XSDT", 1, body.array());
    }

    static byte[] rsdt(List<Long> tables) {
        ByteBuffer body = AcpiTable.littleEndian(Integer.BYTES * tables.size());
        tables.forEach(address -> body.putInt(AcpiTable.below4g(address)));
        return AcpiTable.of("RSDT", 1, body.array());
    }

    static byte[] rsdp(long rsdtAddress, long xsdtAddress) {
        ByteBuffer rsdp = AcpiTable.littleEndian(RSDP_LENGTH);
        rsdp.put(AcpiTable.ascii(RSDP_SIGNATURE, 8));
        rsdp.put((byte) 0);
        rsdp.put(AcpiTable.ascii("Xen", 6));
        rsdp.put((byte) RSDP_REVISION);
        rsdp.putInt(AcpiTable.below4g(rsdtAddress));
        rsdp.putInt(RSDP_LENGTH);
        rsdp.putLong(xsdtAddress);
        byte[] bytes = rsdp.array();
        bytes[RSDP_CHECKSUM_OFFSET] = AcpiTable.checksum(bytes, 0, RSDP_V1_LENGTH);
        bytes[RSDP_EXTENDED_CHECKSUM_OFFSET] = AcpiTable.checksum(bytes, 0, RSDP_LENGTH);
        return bytes;
    }
}

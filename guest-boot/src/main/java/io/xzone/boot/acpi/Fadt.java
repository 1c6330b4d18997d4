package io.xzone.boot.acpi;

import java.nio.ByteBuffer;

/**
 * The Fixed ACPI Description Table (signature "FACP", revision 5, 268 bytes; ACPI 6.5, 5.2.9) of a hardware-reduced
 * platform: a PVH guest has no PM1 event/control blocks, PM timer, GPEs, SCI or FACS (Xen emulates only its local
 * APICs), so every fixed-hardware field stays zero and the flags say HW_REDUCED_ACPI; the DSDT is all it points at.
 * libacpi 4.17 gives PVH guests its HVM FADT instead, whose PM blocks name I/O ports nothing answers for a PVH guest.
 */
final class Fadt {
    static final String SIGNATURE = "FACP";
    static final int REVISION = 5;
    static final int LENGTH = 268;
    static final int DSDT_OFFSET = 40;
    static final int IAPC_BOOT_ARCH_OFFSET = 109;
    static final int FLAGS_OFFSET = 112;
    static final int X_DSDT_OFFSET = 140;
    /** FADT flag 20: no fixed ACPI hardware. */
    static final int HW_REDUCED_ACPI = 1 << 20;
    /** IA-PC boot architecture flags: no VGA (bit 2), no CMOS RTC (bit 5), as libacpi sets them for PVH. */
    static final int NO_VGA = 1 << 2;
    static final int NO_CMOS_RTC = 1 << 5;

    private Fadt() {
    }

    static byte[] build(long dsdtAddress) {
        ByteBuffer body = AcpiTable.littleEndian(LENGTH - AcpiTable.HEADER_SIZE);
        body.putInt(DSDT_OFFSET - AcpiTable.HEADER_SIZE, AcpiTable.below4g(dsdtAddress));
        body.putShort(IAPC_BOOT_ARCH_OFFSET - AcpiTable.HEADER_SIZE, (short) (NO_VGA | NO_CMOS_RTC));
        body.putInt(FLAGS_OFFSET - AcpiTable.HEADER_SIZE, HW_REDUCED_ACPI);
        body.putLong(X_DSDT_OFFSET - AcpiTable.HEADER_SIZE, dsdtAddress);
        return AcpiTable.of(SIGNATURE, REVISION, body.array());
    }
}

package io.xzone.boot.acpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PVH ACPI tables, read back the way a guest's ACPI code walks them (RSDP -> XSDT/RSDT -> FADT -> DSDT, MADT). */
class PvhAcpiTablesTest {
    private final PvhAcpiTables acpi = PvhAcpiTables.build(2, 4, true);
    private final GuestMemory memory = new GuestMemory(acpi);

    @Test
    void rsdpIsModuleZeroWithBothChecksumsAndPointsAtTheRootTables() {
        assertEquals(acpi.rsdp(), acpi.modules().get(0));
        byte[] rsdp = acpi.rsdp().data();
        assertEquals(RootTables.RSDP_LENGTH, rsdp.length);
        assertEquals("RSD PTR ", new String(rsdp, 0, 8, StandardCharsets.US_ASCII));
        assertEquals(0, sum(rsdp, 0, 20), "ACPI 1.0 checksum over the first 20 bytes");
        assertEquals(0, sum(rsdp, 0, 36), "extended checksum over all 36 bytes");
        ByteBuffer b = le(rsdp);
        assertEquals(2, b.get(15), "revision");
        assertEquals(36, b.getInt(20), "length");
        assertEquals("RSDT", memory.signatureAt(Integer.toUnsignedLong(b.getInt(16))));
        assertEquals("XSDT", memory.signatureAt(b.getLong(24)));
    }

    @Test
    void everyTableHasItsLengthAndAZeroChecksumAndStartsSixteenByteAligned() {
        assertEquals(List.of("DSDT", "FACP", "APIC", "XSDT", "RSDT"), acpi.signatures());
        for (long address : memory.tableAddresses()) {
            assertEquals(0, address % 16, "alignment of " + memory.signatureAt(address));
            byte[] table = memory.table(address);
            assertEquals(0, sum(table, 0, table.length), "checksum of " + memory.signatureAt(address));
        }
        assertEquals(acpi.tables().data().length, memory.tableAddresses().stream()
                .mapToLong(a -> a - PvhAcpiTables.ACPI_AREA + memory.table(a).length).max().orElseThrow());
    }

    @Test
    void xsdtAndRsdtListTheFadtAndTheMadt() {
        for (String root : List.of("XSDT", "RSDT")) {
            List<String> listed = new ArrayList<>();
            for (long entry : memory.rootEntries(root)) {
                listed.add(memory.signatureAt(entry));
            }
            assertEquals(List.of("FACP", "APIC"), listed, root);
        }
    }

    @Test
    void fadtIsRevisionFiveHardwareReducedAndPointsAtTheDsdt() {
        byte[] fadt = memory.table(memory.find("FACP"));
        ByteBuffer b = le(fadt);
        assertEquals(268, fadt.length);
        assertEquals(5, fadt[8], "revision");
        assertEquals(1 << 20, b.getInt(112) & (1 << 20), "HW_REDUCED_ACPI flag");
        assertEquals("DSDT", memory.signatureAt(Integer.toUnsignedLong(b.getInt(40))));
        assertEquals(Integer.toUnsignedLong(b.getInt(40)), b.getLong(140), "X_DSDT equals DSDT");
        assertEquals(0, b.getInt(36), "no FACS on a hardware-reduced platform");
        assertEquals(0, b.getInt(56), "no PM1a event block");
        assertEquals(0, b.getInt(76), "no PM timer");
        assertEquals((1 << 2) | (1 << 5), b.getShort(109), "no VGA, no CMOS RTC");
    }

    @Test
    void madtHasOneLocalApicEntryPerPossibleVcpuTheFirstVcpusEnabled() {
        byte[] madt = memory.table(memory.find("APIC"));
        ByteBuffer b = le(madt);
        assertEquals(36 + 8 + 4 * 8, madt.length);
        assertEquals(0xfee00000L, Integer.toUnsignedLong(b.getInt(36)), "local APIC address");
        for (int cpu = 0; cpu < 4; cpu++) {
            int at = 44 + cpu * 8;
            assertEquals(0, madt[at], "type: processor local APIC");
            assertEquals(8, madt[at + 1], "length");
            assertEquals(cpu, madt[at + 2], "ACPI processor UID");
            assertEquals(cpu * 2, madt[at + 3], "APIC id: Xen numbers vCPU n's LAPIC 2n");
            assertEquals(cpu < 2 ? 1 : 0, b.getInt(at + 4), "enabled flag of vCPU " + cpu);
        }
    }

    @Test
    void rsdpGoesToThePageAfterTheTablesOrBelowOneMibForOlderLinux() {
        assertEquals(PvhAcpiTables.ACPI_AREA + 4096, acpi.rsdp().guestAddress());
        assertEquals(PvhAcpiTables.ACPI_AREA, acpi.tables().guestAddress());
        PvhAcpiTables legacy = PvhAcpiTables.build(1, 1, false);
        assertEquals(0xfffc0L, legacy.rsdp().guestAddress());
        assertEquals(0, legacy.rsdp().guestAddress() % 16, "the legacy scan looks at 16-byte boundaries");
        PvhAcpiTables big = PvhAcpiTables.build(128, 128, true);
        long end = PvhAcpiTables.ACPI_AREA + big.tables().data().length;
        assertTrue(big.rsdp().guestAddress() >= end && big.rsdp().guestAddress() % 4096 == 0, big.describe());
    }

    @Test
    void vcpuCountsOutsideWhatTheMadtCanDescribeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PvhAcpiTables.build(0, 1, true));
        assertThrows(IllegalArgumentException.class, () -> PvhAcpiTables.build(3, 2, true));
        assertThrows(IllegalArgumentException.class, () -> PvhAcpiTables.build(1, 129, true));
    }

    @Test
    void packageLengthsUseOneToFourBytesAndCountThemselves() {
        assertArrayEquals(new byte[] {3, 7, 7}, Dsdt.withPackageLength(new byte[] {7, 7}));
        assertEquals(63, Dsdt.withPackageLength(new byte[62]).length);
        assertEquals(62 + 1, Dsdt.withPackageLength(new byte[62])[0]);
        byte[] two = Dsdt.withPackageLength(new byte[63]);
        assertEquals(65, two.length);
        assertEquals(0x40 | (65 & 0xf), two[0] & 0xff);
        assertEquals(65 >> 4, two[1]);
        byte[] three = Dsdt.withPackageLength(new byte[4094]);
        assertEquals(0x80 | ((4094 + 3) & 0xf), three[0] & 0xff);
        assertEquals(((4094 + 3) >> 4) & 0xff, three[1] & 0xff);
        assertEquals((4094 + 3) >> 12, three[2]);
    }

    private static int sum(byte[] bytes, int from, int length) {
        int sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += bytes[i];
        }
        return sum & 0xff;
    }

    static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The tables module as the guest sees it at its address: read tables by their header's length. */
    static final class GuestMemory {
        private final long base;
        private final byte[] blob;

        GuestMemory(PvhAcpiTables acpi) {
            this.base = acpi.tables().guestAddress();
            this.blob = acpi.tables().data();
        }

        String signatureAt(long address) {
            int at = offset(address);
            return new String(blob, at, 4, StandardCharsets.US_ASCII);
        }

        byte[] table(long address) {
            int at = offset(address);
            int length = le(blob).getInt(at + 4);
            assertTrue(at + length <= blob.length, "table at 0x" + Long.toHexString(address) + " runs past the module");
            byte[] table = new byte[length];
            System.arraycopy(blob, at, table, 0, length);
            return table;
        }

        List<Long> rootEntries(String signature) {
            byte[] root = table(find(signature));
            int width = signature.equals("XSDT") ? 8 : 4;
            List<Long> entries = new ArrayList<>();
            for (int at = 36; at < root.length; at += width) {
                entries.add(width == 8 ? le(root).getLong(at) : Integer.toUnsignedLong(le(root).getInt(at)));
            }
            return entries;
        }

        long find(String signature) {
            return tableAddresses().stream().filter(a -> signatureAt(a).equals(signature)).findFirst().orElseThrow();
        }

        /** Every table, found by walking from the first one by length and 16-byte alignment. */
        List<Long> tableAddresses() {
            List<Long> addresses = new ArrayList<>();
            int at = 0;
            while (at < blob.length) {
                addresses.add(base + at);
                at += le(blob).getInt(at + 4);
                at = (at + 15) & ~15;
            }
            return addresses;
        }

        private int offset(long address) {
            long at = address - base;
            assertTrue(at >= 0 && at + 8 <= blob.length, "0x" + Long.toHexString(address) + " is outside the tables");
            return (int) at;
        }
    }
}

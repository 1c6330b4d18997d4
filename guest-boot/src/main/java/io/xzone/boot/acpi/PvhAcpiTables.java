package io.xzone.boot.acpi;

import io.xzone.xen.FirmwareModule;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The ACPI tables of a PVH guest and where they go in its memory, as libxl's libxl__dom_load_acpi places them: the
 * tables from the start of the ACPI area at the bottom of the MMIO hole, the RSDP in the page after them, or, for a
 * Linux that does not advertise XENFEAT_linux_rsdp_unrestricted, in the last 64 bytes below 1 MiB where the BIOS-area
 * scan of older kernels finds it. libxenguest copies each module into the guest during xc_dom_build_image and hands
 * module 0's address to the guest as hvm_start_info.rsdp_paddr, so the RSDP must be module 0.
 *
 * @param rsdp       the RSDP and its guest address
 * @param tables     DSDT, FADT, MADT, XSDT and RSDT, each 16-byte aligned, and their guest address
 * @param signatures the tables' signatures in the order they lie in {@code tables}
 */
public record PvhAcpiTables(FirmwareModule rsdp, FirmwareModule tables, List<String> signatures) {
    /** libacpi's ACPI_INFO_PHYSICAL_ADDRESS: the ACPI area starts the PVH MMIO hole. */
    public static final long ACPI_AREA = 0xfc000000L;
    /** Where the local APICs are (xen/include/public/arch-x86/hvm/... LAPIC_BASE_ADDRESS). */
    public static final long LOCAL_APIC_ADDRESS = 0xfee00000L;
    static final long LEGACY_RSDP_ADDRESS = 0x100000L - 64;
    static final int PAGE = 4096;
    private static final int ALIGN = 16;

    public PvhAcpiTables {
        signatures = List.copyOf(signatures);
    }

    /** The tables for {@code vcpus} enabled vCPUs of {@code maxVcpus}. */
    public static PvhAcpiTables build(int vcpus, int maxVcpus, boolean rsdpAnywhere) {
        Blob blob = new Blob(ACPI_AREA);
        long dsdt = blob.add(Dsdt.SIGNATURE, Dsdt.build(vcpus, maxVcpus));
        long fadt = blob.add(Fadt.SIGNATURE, Fadt.build(dsdt));
        long madt = blob.add(Madt.SIGNATURE, Madt.build(LOCAL_APIC_ADDRESS, vcpus, maxVcpus));
        long xsdt = blob.add("XSDT", RootTables.xsdt(List.of(fadt, madt)));
        long rsdt = blob.add("RSDT", RootTables.rsdt(List.of(fadt, madt)));
        byte[] tables = blob.bytes();
        long rsdpAddress = rsdpAnywhere ? ACPI_AREA + roundUpToPage(tables.length) : LEGACY_RSDP_ADDRESS;
        return new PvhAcpiTables(new FirmwareModule(RootTables.rsdp(rsdt, xsdt), rsdpAddress),
                new FirmwareModule(tables, ACPI_AREA), blob.signatures);
    }

    /** In xc_dom_image.acpi_modules order. */
    public List<FirmwareModule> modules() {
        return List.of(rsdp, tables);
    }

    /** For the launch plan: "RSDP at 0xfc001000, DSDT FACP APIC XSDT RSDT (1234 bytes) at 0xfc000000". */
    public String describe() {
        return "RSDP at 0x" + Long.toHexString(rsdp.guestAddress()) + ", " + String.join(" ", signatures) + " ("
                + tables.data().length + " bytes) at 0x" + Long.toHexString(tables.guestAddress());
    }

    private static long roundUpToPage(long length) {
        return (length + PAGE - 1) / PAGE * PAGE;
    }

    /** Tables laid end to end from a base address, each starting 16-byte aligned (as libacpi aligns them). */
    private static final class Blob {
        private final long base;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<String> signatures = new ArrayList<>();

        Blob(long base) {
            this.base = base;
        }

        long add(String signature, byte[] table) {
            while (bytes.size() % ALIGN != 0) {
                bytes.write(0);
            }
            long address = base + bytes.size();
            bytes.writeBytes(table);
            signatures.add(signature);
            return address;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}

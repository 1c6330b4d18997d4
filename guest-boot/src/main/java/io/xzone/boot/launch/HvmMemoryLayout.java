package io.xzone.boot.launch;

import io.xzone.boot.acpi.PvhAcpiTables;
import io.xzone.xen.E820Entry;
import io.xzone.xen.FirmwareModule;
import io.xzone.xen.HvmLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The memory layout of an HVM container, computed as libxl__build_hvm and domain_construct_memmap (libxl 4.17) do:
 * RAM below an MMIO hole under 4 GiB, the rest above 4 GiB; PVH's hole covers the local APIC, the ACPI info area and
 * the special pages (xenstore and console rings), HVM's is QEMU's 256 MiB PCI hole.
 */
final class HvmMemoryLayout {
    static final long GIB_4 = 1L << 32;
    static final long PAGE = 4096;
    /** X86_HVM_END_SPECIAL_REGION and X86_HVM_NR_SPECIAL_PAGES (xenguest.h): the special pages end at pfn 0xff000. */
    static final long SPECIAL_PAGES_START = (0xff000L - 8) * PAGE;
    static final long SPECIAL_PAGES_SIZE = 8 * PAGE;
    static final long LAPIC_BASE = PvhAcpiTables.LOCAL_APIC_ADDRESS;
    static final long ACPI_INFO = PvhAcpiTables.ACPI_AREA;
    /** HVM_BELOW_4G_MMIO_LENGTH: 4 GiB - HVM_BELOW_4G_RAM_END (0xF0000000). */
    static final long HVM_MMIO_SIZE = GIB_4 - 0xF0000000L;
    /** GUEST_LOW_MEM_START_DEFAULT: an HVM guest's first RAM entry starts at 1 MiB (hvmloader owns what is below). */
    static final long HVM_LOW_MEM_START = 0x100000;

    private HvmMemoryLayout() {
    }

    /** PVH: RAM from 0, the special pages reserved, and each ACPI module (RSDP, tables) marked as ACPI data. */
    static HvmLayout pvh(long memoryMib, long maxmemMib, List<FirmwareModule> acpiModules) {
        long mmioStart = Math.min(Math.min(SPECIAL_PAGES_START, LAPIC_BASE), ACPI_INFO);
        return layout(memoryMib, maxmemMib, GIB_4 - mmioStart, 0, true, acpiModules, Optional.empty(), false);
    }

    static HvmLayout hvm(long memoryMib, long maxmemMib, FirmwareModule bios) {
        return layout(memoryMib, maxmemMib, HVM_MMIO_SIZE, HVM_LOW_MEM_START, false, List.of(), Optional.of(bios), true);
    }

    private static HvmLayout layout(long memoryMib, long maxmemMib, long mmioSize, long lowStart, boolean specialPages,
                                    List<FirmwareModule> acpiModules, Optional<FirmwareModule> bios, boolean deviceModel) {
        long memBytes = maxmemMib << 20;
        long mmioStart = GIB_4 - mmioSize;
        long lowmemEnd = Math.min(memBytes, mmioStart);
        long highmemEnd = memBytes > mmioStart ? GIB_4 + (memBytes - mmioStart) : 0;
        List<E820Entry> e820 = new ArrayList<>();
        e820.add(new E820Entry(lowStart, lowmemEnd - lowStart, E820Entry.RAM));
        if (specialPages) {
            e820.add(new E820Entry(SPECIAL_PAGES_START, SPECIAL_PAGES_SIZE, E820Entry.RESERVED));
        }
        for (FirmwareModule module : acpiModules) {
            // As libxl's domain_construct_memmap: from the module's page to its last byte.
            long pageOffset = module.guestAddress() % PAGE;
            e820.add(new E820Entry(module.guestAddress() - pageOffset, module.data().length + pageOffset, E820Entry.ACPI));
        }
        if (highmemEnd > 0) {
            e820.add(new E820Entry(GIB_4, highmemEnd - GIB_4, E820Entry.RAM));
        }
        long targetPages = (memoryMib << 20) / PAGE;
        return new HvmLayout(targetPages, mmioStart, mmioSize, lowmemEnd, highmemEnd, e820, acpiModules, bios, deviceModel);
    }
}

package io.xzone.xen;

import java.util.List;
import java.util.Optional;

/**
 * What an HVM container (PVH or HVM guest) needs on top of a PV build, as libxl fills it in xc_dom_image.
 *
 * @param targetPages     the memory the guest starts with, in 4 KiB pages (may be below the build's maximum)
 * @param mmioStart       start of the MMIO hole below 4 GiB (covering LAPIC, ACPI and special pages), in bytes
 * @param mmioSize        size of that hole, in bytes
 * @param lowmemEnd       end of RAM below the hole, in bytes
 * @param highmemEnd      end of RAM above 4 GiB, in bytes, 0 when there is none
 * @param e820            the guest's memory map; also set with xc_domain_set_memory_map between boot_mem_init and
 *                        build_image
 * @param acpiModules     extra ACPI tables (xc_dom_image.acpi_modules, at most 4)
 * @param systemFirmware  the BIOS image for hvmloader (HVM only), empty for PVH
 * @param deviceModel     true for HVM guests served by QEMU (sets up the IOREQ pages), false for PVH
 */
public record HvmLayout(long targetPages, long mmioStart, long mmioSize, long lowmemEnd, long highmemEnd,
                        List<E820Entry> e820, List<FirmwareModule> acpiModules, Optional<FirmwareModule> systemFirmware,
                        boolean deviceModel) {
    public static final int MAX_ACPI_MODULES = 4;

    public HvmLayout {
        e820 = List.copyOf(e820);
        acpiModules = List.copyOf(acpiModules);
        if (acpiModules.size() > MAX_ACPI_MODULES) {
            throw new IllegalArgumentException("at most " + MAX_ACPI_MODULES + " ACPI modules, got " + acpiModules.size());
        }
    }
}

package io.xzone.boot.kernel;

import java.nio.file.Path;
import java.util.Map;

/**
 * How a kernel can boot on Xen, decided from its "Xen" ELF notes the way libxenguest's libelf decides it.
 *
 * @param kernel the file inspected
 * @param notes  the Xen notes found, by type: strings for text notes, hex for numeric ones
 */
public record KernelCapabilities(Path kernel, Map<Integer, String> notes) {
    /** The XENFEAT_* bit (xen/features.h) of a Linux that reads hvm_start_info.rsdp_paddr. */
    private static final int XENFEAT_LINUX_RSDP_UNRESTRICTED = 15;

    public KernelCapabilities {
        notes = Map.copyOf(notes);
    }

    /** PVH-capable: the kernel has a 32-bit PVH entry point (XEN_ELFNOTE_PHYS32_ENTRY). */
    public boolean pvh() {
        return notes.containsKey(XenNote.PHYS32_ENTRY);
    }

    /**
     * PV-capable: built for Xen 3.0's PV ABI (XEN_VERSION "xen-3.0") by the generic loader or as Linux, which is what
     * libelf's elf_xen_note_check demands of a PV image.
     */
    public boolean pv() {
        boolean loader = notes.getOrDefault(XenNote.LOADER, "").startsWith("generic")
                || notes.getOrDefault(XenNote.GUEST_OS, "").startsWith("linux");
        return loader && notes.getOrDefault(XenNote.XEN_VERSION, "").startsWith("xen-3.0");
    }

    /**
     * Whether the kernel finds its ACPI root pointer wherever hvm_start_info.rsdp_paddr says. libxl's rule: any
     * kernel but Linux does; Linux only when it advertises XENFEAT_linux_rsdp_unrestricted in its supported-features
     * note, since older Linux PVH guests ignore rsdp_paddr and scan the BIOS area below 1 MiB for it.
     */
    public boolean findsRsdpAnywhere() {
        if (!notes.getOrDefault(XenNote.GUEST_OS, "").equals("linux")) {
            return true;
        }
        String features = notes.get(XenNote.SUPPORTED_FEATURES);
        return features != null && (Long.parseUnsignedLong(features.substring(2), 16) & (1L << XENFEAT_LINUX_RSDP_UNRESTRICTED)) != 0;
    }

    /** For messages: "PV and PVH", "PV only", "PVH only" or "neither PV nor PVH". */
    public String describe() {
        if (pv() && pvh()) {
            return "PV and PVH";
        }
        if (pv()) {
            return "PV only";
        }
        return pvh() ? "PVH only" : "neither PV nor PVH";
    }
}

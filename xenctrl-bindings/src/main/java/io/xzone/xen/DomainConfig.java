package io.xzone.xen;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * What {@code xc_domain_create} needs (struct xen_domctl_createdomain).
 *
 * @param handle            the domain's UUID (libxl uses the guest's uuid)
 * @param flags             CDF flags: HVM for PVH/HVM guests, HAP when hardware paging is used
 * @param maxVcpus          vCPUs the domain may ever have
 * @param maxEvtchnPort     highest event channel port the domain may use
 * @param maxGrantFrames    grant table frames, negative = Xen's default
 * @param maxMaptrackFrames maptrack frames, negative = Xen's default
 * @param emulationFlags    XEN_X86_EMU_* bits: {@link #EMU_NONE} for PV, {@link #EMU_PVH} for PVH, {@link #EMU_HVM} for HVM
 */
public record DomainConfig(UUID handle, Set<CreateFlag> flags, int maxVcpus, int maxEvtchnPort, int maxGrantFrames,
                           int maxMaptrackFrames, int emulationFlags) {
    /** libxl's emulation flags for a PV guest: nothing emulated. */
    public static final int EMU_NONE = 0;
    /** libxl's emulation flags for PVH: only the local APIC (XEN_X86_EMU_LAPIC). */
    public static final int EMU_PVH = 0x1;
    /** libxl's emulation flags for HVM: XEN_X86_EMU_ALL without VPCI. */
    public static final int EMU_HVM = 0x3ff;
    /** libxl's default for max_evtchn_port when the config does not set event_channels. */
    public static final int DEFAULT_MAX_EVTCHN_PORT = 1023;
    public static final int DEFAULT_FRAMES = -1;

    public DomainConfig {
        if (handle == null) {
            throw new IllegalArgumentException("domain handle (uuid) is required");
        }
        if (maxVcpus < 1) {
            throw new IllegalArgumentException("max_vcpus must be at least 1, got " + maxVcpus);
        }
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    /** A PV guest as libxl creates it. */
    public static DomainConfig pv(UUID handle, int maxVcpus) {
        return new DomainConfig(handle, Set.of(), maxVcpus, DEFAULT_MAX_EVTCHN_PORT, DEFAULT_FRAMES, DEFAULT_FRAMES, EMU_NONE);
    }

    /** A PVH guest as libxl creates it (HAP when the host has it, else shadow paging). */
    public static DomainConfig pvh(UUID handle, int maxVcpus, boolean hap) {
        return new DomainConfig(handle, hvmFlags(hap), maxVcpus, DEFAULT_MAX_EVTCHN_PORT, DEFAULT_FRAMES, DEFAULT_FRAMES, EMU_PVH);
    }

    /** An HVM guest as libxl creates it. */
    public static DomainConfig hvm(UUID handle, int maxVcpus, boolean hap) {
        return new DomainConfig(handle, hvmFlags(hap), maxVcpus, DEFAULT_MAX_EVTCHN_PORT, DEFAULT_FRAMES, DEFAULT_FRAMES, EMU_HVM);
    }

    public boolean has(CreateFlag flag) {
        return flags.contains(flag);
    }

    public int flagMask() {
        int mask = 0;
        for (CreateFlag f : flags) {
            mask |= f.bit();
        }
        return mask;
    }

    private static Set<CreateFlag> hvmFlags(boolean hap) {
        return hap ? EnumSet.of(CreateFlag.HVM, CreateFlag.HAP) : EnumSet.of(CreateFlag.HVM);
    }
}

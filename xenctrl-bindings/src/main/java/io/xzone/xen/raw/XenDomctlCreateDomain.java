package io.xzone.xen.raw;

import com.sun.jna.Structure;

/** {@code struct xen_domctl_createdomain} (64 bytes, align 4), the argument of xc_domain_create. */
@Structure.FieldOrder({"ssidref", "handle", "flags", "iommu_opts", "max_vcpus", "max_evtchn_port", "max_grant_frames",
        "max_maptrack_frames", "grant_opts", "vmtrace_size", "cpupool_id", "emulation_flags", "misc_flags"})
public final class XenDomctlCreateDomain extends Structure {
    public static final int SIZE = 64;

    public int ssidref;
    public byte[] handle = new byte[16];
    public int flags;
    public int iommu_opts;
    public int max_vcpus;
    public int max_evtchn_port;
    public int max_grant_frames;
    public int max_maptrack_frames;
    public int grant_opts;
    public int vmtrace_size;
    public int cpupool_id;
    /** arch.emulation_flags (XEN_X86_EMU_*). */
    public int emulation_flags;
    /** arch.misc_flags. */
    public int misc_flags;
}

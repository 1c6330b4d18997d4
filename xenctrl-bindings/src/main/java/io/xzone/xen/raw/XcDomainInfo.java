package io.xzone.xen.raw;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code xc_domaininfo_t} = {@code struct xen_domctl_getdomaininfo} (112 bytes), filled by xc_domain_getinfolist.
 * Used instead of xc_dominfo_t, whose flags are C bit-fields.
 */
@Structure.FieldOrder({"domain", "pad1", "flags", "tot_pages", "max_pages", "outstanding_pages", "shr_pages",
        "paged_pages", "shared_info_frame", "cpu_time", "nr_online_vcpus", "max_vcpu_id", "ssidref", "handle",
        "cpupool", "gpaddr_bits", "pad2", "emulation_flags", "misc_flags"})
public final class XcDomainInfo extends Structure {
    public static final int SIZE = 112;
    /** XEN_DOMINF_shutdownshift / shutdownmask: the guest's SHUTDOWN_* code inside flags. */
    public static final int SHUTDOWN_SHIFT = 16;
    public static final int SHUTDOWN_MASK = 0xff;

    public short domain;
    public short pad1;
    public int flags;
    public long tot_pages;
    public long max_pages;
    public long outstanding_pages;
    public long shr_pages;
    public long paged_pages;
    public long shared_info_frame;
    public long cpu_time;
    public int nr_online_vcpus;
    public int max_vcpu_id;
    public int ssidref;
    public byte[] handle = new byte[16];
    public int cpupool;
    public byte gpaddr_bits;
    public byte[] pad2 = new byte[7];
    /** arch_config.emulation_flags. */
    public int emulation_flags;
    /** arch_config.misc_flags. */
    public int misc_flags;

    public XcDomainInfo() {
    }

    public XcDomainInfo(Pointer memory) {
        super(memory);
    }
}

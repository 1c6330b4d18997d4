package io.xzone.xen.raw;

import com.sun.jna.Structure;

/** {@code xc_physinfo_t} = {@code struct xen_sysctl_physinfo} (112 bytes, align 8). */
@Structure.FieldOrder({"threads_per_core", "cores_per_socket", "nr_cpus", "max_cpu_id", "nr_nodes", "max_node_id",
        "cpu_khz", "capabilities", "arch_capabilities", "pad", "total_pages", "free_pages", "scrub_pages",
        "outstanding_pages", "max_mfn", "hw_cap"})
public final class XenSysctlPhysinfo extends Structure {
    public static final int SIZE = 112;

    public int threads_per_core;
    public int cores_per_socket;
    public int nr_cpus;
    public int max_cpu_id;
    public int nr_nodes;
    public int max_node_id;
    public int cpu_khz;
    public int capabilities;
    public int arch_capabilities;
    public int pad;
    public long total_pages;
    public long free_pages;
    public long scrub_pages;
    public long outstanding_pages;
    public long max_mfn;
    public int[] hw_cap = new int[8];
}

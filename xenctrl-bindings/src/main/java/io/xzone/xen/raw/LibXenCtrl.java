package io.xzone.xen.raw;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;

/**
 * libxenctrl.so.4.17, C names unchanged. {@code uint32_t} is {@code int}, {@code uint64_t}/{@code unsigned long}/
 * {@code size_t} are {@code long} (x86_64). Every call returns &lt;0 with errno set on failure, except where noted;
 * check them through the safe layer's error funnel only.
 */
public interface LibXenCtrl extends Library {
    String SONAME = "libxenctrl.so.4.17";

    int XC_OPENFLAG_DUMMY = 1;
    int XENVER_VERSION = 0;
    int XENVER_EXTRAVERSION = 1;
    int XENVER_CAPABILITIES = 3;
    /** sizeof(xen_extraversion_t). */
    int XEN_EXTRAVERSION_LEN = 16;
    /** sizeof(xen_capabilities_info_t). */
    int XEN_CAPABILITIES_INFO_LEN = 1024;
    /** xc_error: enum code (4 bytes), then char message[1024]. */
    int XC_ERROR_MESSAGE_OFFSET = 4;

    /** NULL on failure, errno set. */
    XcInterface xc_interface_open(XenToolLogger logger, XenToolLogger dombuildLogger, int openFlags);

    int xc_interface_close(XcInterface xch);

    /** Never NULL: the handle's last error ({@code const xc_error *}). */
    Pointer xc_get_last_error(XcInterface xch);

    void xc_clear_last_error(XcInterface xch);

    String xc_error_code_to_desc(int code);

    int xc_version(XcInterface xch, int cmd, Pointer arg);

    int xc_physinfo(XcInterface xch, XenSysctlPhysinfo info);

    int xc_domain_create(XcInterface xch, IntByReference pdomid, XenDomctlCreateDomain config);

    int xc_domain_max_vcpus(XcInterface xch, int domid, int max);

    int xc_domain_setmaxmem(XcInterface xch, int domid, long maxMemkb);

    /** XEN_VCPUAFFINITY_HARD. */
    int XEN_VCPUAFFINITY_HARD = 1;

    /** Bytes of an xc_cpumap_t on this host, or &lt;= 0 on failure. */
    int xc_get_cpumap_size(XcInterface xch);

    /** {@code cpumapHard}/{@code cpumapSoft} are xc_cpumap_t bitmaps (one bit per physical CPU); in and out. */
    int xc_vcpu_setaffinity(XcInterface xch, int domid, int vcpu, byte[] cpumapHard, byte[] cpumapSoft, int flags);

    int xc_domain_set_memmap_limit(XcInterface xch, int domid, long mapLimitkb);

    /** {@code entries} is a packed array of struct e820entry. */
    int xc_domain_set_memory_map(XcInterface xch, int domid, Pointer entries, int nrEntries);

    int xc_domain_set_tsc_info(XcInterface xch, int domid, int tscMode, long elapsedNsec, int gtscKhz, int incarnation);

    int xc_hvm_param_set(XcInterface xch, int domid, int param, long value);

    int xc_hvm_param_get(XcInterface xch, int domid, int param, LongByReference value);

    /** The new port, or -1. */
    int xc_evtchn_alloc_unbound(XcInterface xch, int domid, int remoteDomid);

    int xc_domain_pause(XcInterface xch, int domid);

    int xc_domain_unpause(XcInterface xch, int domid);

    int xc_domain_shutdown(XcInterface xch, int domid, int reason);

    int xc_domain_destroy(XcInterface xch, int domid);

    /** The number of entries filled in {@code info} (an array of xc_domaininfo_t), or -1. */
    int xc_domain_getinfolist(XcInterface xch, int firstDomain, int maxDomains, Pointer info);
}

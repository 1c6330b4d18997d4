package io.xzone.xen;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a toolstack asks of the hypervisor, in plain Java: libxenctrl's domain calls and libxenguest's domain builder.
 * XenControl implements it on the real C libraries; tests use the in-memory fake of the test-jar
 * ({@code io.xzone.xen.FakeHypervisor}). Every method is one native step, so a decorator can log, count or fail any of
 * them.
 *
 * <p>Every failure is a {@link XenException} naming the C call, its arguments and the reason. Domain ids are Xen's
 * (0 is dom0). Memory sizes are in the units the C API uses, named in each parameter.
 */
public interface Hypervisor extends AutoCloseable {

    /** The running Xen's version (xc_version). */
    XenVersion version();

    /** CPUs, memory and what guests the host can run (xc_physinfo). */
    PhysInfo physinfo();

    /** Creates a paused, empty domain (xc_domain_create) and returns its domid. */
    int createDomain(DomainConfig config);

    /** xc_domain_max_vcpus. */
    void setMaxVcpus(int domid, int maxVcpus);

    /** The most memory the domain may hold, in KiB (xc_domain_setmaxmem); libxl gives target + slack. */
    void setMaxMemory(int domid, long maxMemKib);

    /**
     * Pins one vCPU to a set of physical CPUs (xc_vcpu_setaffinity, hard affinity), as libxl does for xl.cfg's
     * {@code cpus}.
     */
    void setVcpuAffinity(int domid, int vcpu, Set<Integer> cpus);

    /** The highest guest-physical address a PV domain may map, in KiB (xc_domain_set_memmap_limit). */
    void setMemmapLimit(int domid, long mapLimitKib);

    /** The guest's physical memory map (xc_domain_set_memory_map), for PVH and HVM guests. */
    void setMemoryMap(int domid, List<E820Entry> map);

    /** How the guest reads its time stamp counter (xc_domain_set_tsc_info). */
    void setTscMode(int domid, TscMode mode);

    /** xc_hvm_param_set. */
    void setHvmParam(int domid, HvmParam param, long value);

    /** xc_hvm_param_get. */
    long getHvmParam(int domid, HvmParam param);

    /**
     * Allocates an unbound event channel in {@code domid} that {@code remoteDomid} may bind to
     * (xc_evtchn_alloc_unbound) and returns its port in {@code domid}.
     */
    int allocUnboundEvtchn(int domid, int remoteDomid);

    /**
     * Loads a kernel into a created domain with libxenguest's xc_dom_* chain, in libxl's order, and returns where the
     * xenstore and console rings are. The domain stays paused.
     */
    BuiltImage buildImage(ImageSpec spec);

    /** xc_domain_pause. */
    void pause(int domid);

    /** xc_domain_unpause. */
    void unpause(int domid);

    /** Asks Xen to shut the domain down for the given reason (xc_domain_shutdown); it stays until destroyed. */
    void shutdown(int domid, ShutdownReason reason);

    /** Destroys the domain and frees its memory and event channels (xc_domain_destroy). */
    void destroy(int domid);

    /** Every domain, dom0 included, in domid order (xc_domain_getinfolist). */
    List<DomainInfo> listDomains();

    /** One domain, or empty when there is no domain with that id (xc_domain_getinfolist from domid, 1 entry). */
    Optional<DomainInfo> domainInfo(int domid);

    /** Releases the handle. Idempotent. */
    @Override
    void close();
}

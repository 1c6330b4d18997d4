package io.xzone.xen;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An in-memory hypervisor for tests: keeps domains, their event channels and memory the way Xen would, answers with
 * the errno Xen would give for a missing domain or too little memory, and fails any call on demand:
 * {@code fake.failOn("domain_create", 12)} makes every later xc_domain_create fail with ENOMEM,
 * {@code fake.failOnce(...)} only the next one. Call names are the C names without {@code xc_} (see {@link #CALLS}).
 * After a test, {@link #guestDomainCount()}, {@link #openEvtchnCount()} and {@link #freePages()} tell whether anything
 * leaked; {@link #calls()} lists the calls made, in order.
 */
public final class FakeHypervisor implements Hypervisor {
    /** The name of every call the fake answers, for failOn and calls(). */
    public static final Set<String> CALLS = Set.of("version", "physinfo", "domain_create", "domain_max_vcpus",
            "domain_setmaxmem", "vcpu_setaffinity", "domain_set_memmap_limit", "domain_set_memory_map", "domain_set_tsc_info",
            "hvm_param_set", "hvm_param_get", "evtchn_alloc_unbound", "dom_build_image", "domain_pause",
            "domain_unpause", "domain_shutdown", "domain_destroy", "domain_getinfolist");

    private static final int ESRCH = 3;
    private static final int ENOMEM = 12;
    private static final int EINVAL = 22;
    private static final int ENOENT = 2;
    private static final long PAGES_PER_MIB = 256;
    /** Parameters Xen 4.17 no longer lets a toolstack set (hvm_allow_set_param answers EINVAL, seen in the lab). */
    private static final Set<HvmParam> REFUSED_HVM_PARAMS = EnumSet.of(HvmParam.NESTEDHVM, HvmParam.BUFIOREQ_EVTCHN);
    /** The first page frame the fake hands out for rings, so pfn and mfn differ for PV as they do on Xen. */
    private static final long FIRST_FAKE_MFN = 0x100000;

    private final XenVersion version;
    private final int nrCpus;
    private final long cpuKhz;
    private final long totalPages;
    private final Set<HostCapability> capabilities;
    private final Map<Integer, Domain> domains = new TreeMap<>();
    private final Map<String, Integer> persistentFaults = new HashMap<>();
    private final Map<String, Integer> onceFaults = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private long freePages;
    private int nextDomid = 1;
    private long nextMfn = FIRST_FAKE_MFN;
    private boolean closed;

    public FakeHypervisor(XenVersion version, int nrCpus, long totalPages, Set<HostCapability> capabilities) {
        this.version = version;
        this.nrCpus = nrCpus;
        this.cpuKhz = 2_000_000;
        this.totalPages = totalPages;
        this.capabilities = capabilities.isEmpty() ? Set.of() : EnumSet.copyOf(capabilities);
        this.freePages = totalPages;
        Domain dom0 = new Domain(0, new UUID(0, 0), false);
        dom0.paused = false;
        domains.put(0, dom0);
    }

    /** A host like the lab's default: Xen 4.17, 2 CPUs, 4 GiB, pv hvm hap (PV, PVH and HVM guests possible). */
    public static FakeHypervisor withCapabilities(HostCapability... capabilities) {
        Set<HostCapability> caps = EnumSet.noneOf(HostCapability.class);
        caps.addAll(List.of(capabilities));
        return new FakeHypervisor(new XenVersion(4, 17, ".7"), 2, 4L * 1024 * PAGES_PER_MIB, caps);
    }

    public static FakeHypervisor fullHost() {
        return withCapabilities(HostCapability.PV, HostCapability.HVM, HostCapability.HAP, HostCapability.GNTTAB_V1,
                HostCapability.GNTTAB_V2);
    }

    public static FakeHypervisor pvOnlyHost() {
        return withCapabilities(HostCapability.PV, HostCapability.GNTTAB_V1, HostCapability.GNTTAB_V2);
    }

    // ---- fault injection and inspection ----

    /** Every later call named {@code call} fails with {@code errno} until {@link #clearFaults()}. */
    public FakeHypervisor failOn(String call, int errno) {
        persistentFaults.put(known(call), errno);
        return this;
    }

    /** Only the next call named {@code call} fails with {@code errno}. */
    public FakeHypervisor failOnce(String call, int errno) {
        onceFaults.put(known(call), errno);
        return this;
    }

    public void clearFaults() {
        persistentFaults.clear();
        onceFaults.clear();
    }

    /** The calls made so far, in order, by their C names without {@code xc_}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** Domains other than dom0 that exist now. */
    public int guestDomainCount() {
        return domains.size() - 1;
    }

    /** Event channels allocated in any guest domain and not yet freed by destroying it. */
    public int openEvtchnCount() {
        return domains.values().stream().filter(d -> d.domid != 0).mapToInt(d -> d.evtchns.size()).sum();
    }

    public long freePages() {
        return freePages;
    }

    public long totalPages() {
        return totalPages;
    }

    public boolean isClosed() {
        return closed;
    }

    /** What the fake knows about one domain, for assertions; empty if there is none. */
    public Optional<DomainState> state(int domid) {
        Domain d = domains.get(domid);
        return d == null ? Optional.empty() : Optional.of(d.snapshot());
    }

    /**
     * A domain as the fake keeps it.
     *
     * @param evtchns event channel port -> remote domid
     * @param affinity vCPU -> the physical CPUs it is pinned to (absent: any)
     */
    public record DomainState(int domid, Optional<DomainConfig> config, int maxVcpus, long maxMemKib,
                              long memmapLimitKib, long pages, boolean paused, Optional<ShutdownReason> shutdown,
                              Map<Integer, Integer> evtchns, Map<HvmParam, Long> hvmParams, List<E820Entry> memoryMap,
                              Optional<TscMode> tscMode, Optional<ImageSpec> image,
                              Map<Integer, Set<Integer>> affinity) {
    }

    /** Makes a domain look as if it shut itself down (what a guest's poweroff does on Xen). */
    public void guestShutsDown(int domid, ShutdownReason reason) {
        domain("guest shutdown", domid).shutdown = reason;
    }

    // ---- Hypervisor ----

    @Override
    public XenVersion version() {
        enter("version", "xc_version()");
        return version;
    }

    @Override
    public PhysInfo physinfo() {
        enter("physinfo", "xc_physinfo()");
        return new PhysInfo(nrCpus, cpuKhz, totalPages, freePages, capabilities);
    }

    @Override
    public int createDomain(DomainConfig config) {
        String call = "xc_domain_create(" + config + ")";
        enter("domain_create", call);
        if (config.has(CreateFlag.HVM) && !capabilities.contains(HostCapability.HVM)) {
            // What Xen answers on a host without hardware virtualization: a bare EINVAL.
            throw new XenException(call, EINVAL, null);
        }
        if (config.has(CreateFlag.HAP) && !capabilities.contains(HostCapability.HAP)) {
            throw new XenException(call, EINVAL, null);
        }
        int domid = nextDomid++;
        Domain d = new Domain(domid, config.handle(), config.has(CreateFlag.HVM));
        d.config = config;
        domains.put(domid, d);
        return domid;
    }

    @Override
    public void setMaxVcpus(int domid, int maxVcpus) {
        String call = "xc_domain_max_vcpus(" + domid + ", " + maxVcpus + ")";
        enter("domain_max_vcpus", call);
        Domain d = domain(call, domid);
        if (maxVcpus < 1 || (d.config != null && maxVcpus > d.config.maxVcpus())) {
            throw new XenException(call, EINVAL, null);
        }
        d.maxVcpus = maxVcpus;
    }

    @Override
    public void setMaxMemory(int domid, long maxMemKib) {
        String call = "xc_domain_setmaxmem(" + domid + ", " + maxMemKib + ")";
        enter("domain_setmaxmem", call);
        domain(call, domid).maxMemKib = maxMemKib;
    }

    @Override
    public void setVcpuAffinity(int domid, int vcpu, Set<Integer> cpus) {
        String call = "xc_vcpu_setaffinity(" + domid + ", " + vcpu + ", " + cpus + ")";
        enter("vcpu_setaffinity", call);
        Domain d = domain(call, domid);
        if (vcpu < 0 || vcpu >= Math.max(d.maxVcpus, 1) || cpus.isEmpty() || cpus.stream().anyMatch(c -> c < 0 || c >= nrCpus)) {
            throw new XenException(call, EINVAL, null);
        }
        d.affinity.put(vcpu, Set.copyOf(cpus));
    }

    @Override
    public void setMemmapLimit(int domid, long mapLimitKib) {
        String call = "xc_domain_set_memmap_limit(" + domid + ", " + mapLimitKib + ")";
        enter("domain_set_memmap_limit", call);
        domain(call, domid).memmapLimitKib = mapLimitKib;
    }

    @Override
    public void setMemoryMap(int domid, List<E820Entry> map) {
        String call = "xc_domain_set_memory_map(" + domid + ", " + map.size() + " entries)";
        enter("domain_set_memory_map", call);
        domain(call, domid).memoryMap = List.copyOf(map);
    }

    @Override
    public void setTscMode(int domid, TscMode mode) {
        String call = "xc_domain_set_tsc_info(" + domid + ", " + mode + ")";
        enter("domain_set_tsc_info", call);
        domain(call, domid).tscMode = mode;
    }

    @Override
    public void setHvmParam(int domid, HvmParam param, long value) {
        String call = "xc_hvm_param_set(" + domid + ", " + param + ", " + value + ")";
        enter("hvm_param_set", call);
        Domain d = domain(call, domid);
        if (!d.hvm || REFUSED_HVM_PARAMS.contains(param)) {
            throw new XenException(call, EINVAL, null);
        }
        d.hvmParams.put(param, value);
    }

    @Override
    public long getHvmParam(int domid, HvmParam param) {
        String call = "xc_hvm_param_get(" + domid + ", " + param + ")";
        enter("hvm_param_get", call);
        Domain d = domain(call, domid);
        if (!d.hvm) {
            throw new XenException(call, EINVAL, null);
        }
        return d.hvmParams.getOrDefault(param, 0L);
    }

    @Override
    public int allocUnboundEvtchn(int domid, int remoteDomid) {
        String call = "xc_evtchn_alloc_unbound(" + domid + ", " + remoteDomid + ")";
        enter("evtchn_alloc_unbound", call);
        Domain d = domain(call, domid);
        domain(call, remoteDomid);
        int port = d.nextPort++;
        d.evtchns.put(port, remoteDomid);
        return port;
    }

    @Override
    public BuiltImage buildImage(ImageSpec spec) {
        String call = "xc_dom_build_image(" + spec.domid() + ", " + spec.kernel() + ")";
        enter("dom_build_image", call);
        Domain d = domain(call, spec.domid());
        if (!Files.isReadable(spec.kernel())) {
            throw new XenException("xc_dom_kernel_file(" + spec.kernel() + ")", ENOENT, "cannot read the kernel");
        }
        if ((spec.container() == ImageContainer.HVM) != d.hvm) {
            throw new XenException(call, EINVAL, "image container " + spec.container() + " does not match the domain");
        }
        long pages = spec.memoryMib() * PAGES_PER_MIB;
        if (d.maxMemKib > 0 && spec.memoryMib() * 1024 > d.maxMemKib) {
            throw new XenException(call, ENOMEM, "populating " + pages + " pages exceeds the domain's max memory");
        }
        if (pages > freePages) {
            throw new XenException(call, ENOMEM, "the host has only " + freePages + " free pages");
        }
        if (!d.evtchns.containsKey(spec.storeEvtchn()) || !d.evtchns.containsKey(spec.consoleEvtchn())) {
            throw new XenException(call, EINVAL, "store or console event channel was not allocated in the domain");
        }
        freePages -= pages;
        d.pages = pages;
        d.image = spec;
        long storePfn = pages - 2;
        long consolePfn = pages - 1;
        boolean translated = spec.container() == ImageContainer.HVM;
        long storeMfn = translated ? storePfn : nextMfn++;
        long consoleMfn = translated ? consolePfn : nextMfn++;
        String guestType = translated ? "hvm-3.0-x86_32" : "xen-3.0-x86_64";
        return new BuiltImage(guestType, storePfn, storeMfn, consolePfn, consoleMfn);
    }

    @Override
    public void pause(int domid) {
        String call = "xc_domain_pause(" + domid + ")";
        enter("domain_pause", call);
        domain(call, domid).paused = true;
    }

    @Override
    public void unpause(int domid) {
        String call = "xc_domain_unpause(" + domid + ")";
        enter("domain_unpause", call);
        domain(call, domid).paused = false;
    }

    @Override
    public void shutdown(int domid, ShutdownReason reason) {
        String call = "xc_domain_shutdown(" + domid + ", " + reason + ")";
        enter("domain_shutdown", call);
        domain(call, domid).shutdown = reason;
    }

    @Override
    public void destroy(int domid) {
        String call = "xc_domain_destroy(" + domid + ")";
        enter("domain_destroy", call);
        Domain d = domain(call, domid);
        if (domid == 0) {
            throw new XenException(call, EINVAL, null);
        }
        freePages += d.pages;
        domains.remove(domid);
    }

    @Override
    public List<DomainInfo> listDomains() {
        enter("domain_getinfolist", "xc_domain_getinfolist(0, " + domains.size() + ")");
        return domains.values().stream().map(Domain::info).toList();
    }

    @Override
    public Optional<DomainInfo> domainInfo(int domid) {
        enter("domain_getinfolist", "xc_domain_getinfolist(" + domid + ", 1)");
        Domain d = domains.get(domid);
        return d == null ? Optional.empty() : Optional.of(d.info());
    }

    @Override
    public void close() {
        closed = true;
    }

    // ---- internals ----

    private void enter(String name, String call) {
        if (closed) {
            throw new IllegalStateException("FakeHypervisor used after close: " + call);
        }
        calls.add(name);
        Integer errno = onceFaults.remove(name);
        if (errno == null) {
            errno = persistentFaults.get(name);
        }
        if (errno != null) {
            throw new XenException(call, errno, "injected by FakeHypervisor");
        }
    }

    private Domain domain(String call, int domid) {
        Domain d = domains.get(domid);
        if (d == null) {
            throw new XenException(call, ESRCH, null);
        }
        return d;
    }

    private static String known(String call) {
        if (!CALLS.contains(call)) {
            throw new IllegalArgumentException("FakeHypervisor has no call named " + call + "; known: " + CALLS);
        }
        return call;
    }

    private static final class Domain {
        final int domid;
        final UUID handle;
        final boolean hvm;
        final Map<Integer, Integer> evtchns = new LinkedHashMap<>();
        final Map<HvmParam, Long> hvmParams = new LinkedHashMap<>();
        final Map<Integer, Set<Integer>> affinity = new TreeMap<>();
        DomainConfig config;
        int maxVcpus;
        long maxMemKib;
        long memmapLimitKib;
        long pages;
        boolean paused = true;
        ShutdownReason shutdown;
        List<E820Entry> memoryMap = List.of();
        TscMode tscMode;
        ImageSpec image;
        int nextPort = 1;

        Domain(int domid, UUID handle, boolean hvm) {
            this.domid = domid;
            this.handle = handle;
            this.hvm = hvm;
        }

        DomainInfo info() {
            EnumSet<DomainFlag> flags = EnumSet.noneOf(DomainFlag.class);
            if (hvm) {
                flags.add(DomainFlag.HVM_GUEST);
            }
            if (shutdown != null) {
                flags.add(DomainFlag.SHUTDOWN);
            }
            flags.add(paused ? DomainFlag.PAUSED : DomainFlag.RUNNING);
            int vcpus = Math.max(maxVcpus, 1);
            return new DomainInfo(domid, flags, shutdown == null ? 0 : shutdown.code(), pages,
                    maxMemKib / 4, 0, vcpus, vcpus - 1, handle, 0);
        }

        DomainState snapshot() {
            return new DomainState(domid, Optional.ofNullable(config), maxVcpus, maxMemKib, memmapLimitKib, pages,
                    paused, Optional.ofNullable(shutdown), Map.copyOf(evtchns), Map.copyOf(hvmParams), memoryMap,
                    Optional.ofNullable(tscMode), Optional.ofNullable(image), Map.copyOf(affinity));
        }
    }
}

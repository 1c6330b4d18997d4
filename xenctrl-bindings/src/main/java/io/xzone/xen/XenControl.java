package io.xzone.xen;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import io.xzone.xen.raw.E820EntryStruct;
import io.xzone.xen.raw.LibXenCtrl;
import io.xzone.xen.raw.NativeLibraries;
import io.xzone.xen.raw.XcDomainInfo;
import io.xzone.xen.raw.XenDomctlCreateDomain;
import io.xzone.xen.raw.XenSysctlPhysinfo;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The real {@link Hypervisor}: libxenctrl and libxenguest through JNA. Open it in dom0 as root with {@link #open()};
 * off Xen that is a {@link XenUnavailableException} with one sentence. Every native call goes through the error funnel,
 * so a failure is a {@link XenException} naming the call and its arguments. Calls are serialized on the handle, whose
 * last-error slot they share.
 */
public final class XenControl implements Hypervisor {
    /** The device libxencall opens (or its older /proc/xen twin): no such file, no Xen. */
    private static final List<Path> PRIVCMD = List.of(Path.of("/dev/xen/privcmd"), Path.of("/proc/xen/privcmd"));
    /** How many xc_domaininfo_t one xc_domain_getinfolist call fills. */
    private static final int INFO_BATCH = 256;
    /** Shared by every handle of the process: a resident daemon's builds reuse what an earlier one read. */
    private static final LoadedImageFiles IMAGE_FILES = new LoadedImageFiles(LoadedImageFiles.BUDGET);
    /** XEN_DOMCTL_GRANT_version(1): the grant table version every guest gets at least. */
    private static final int GRANT_VERSION_1 = 1;

    private final LibXenCtrl xc;
    private final XcHandle handle;
    private final DomainImageBuild.MemoryMapWriter memoryMapWriter = this::writeMemoryMap;

    private XenControl(XcHandle handle) {
        this.xc = handle.xc;
        this.handle = handle;
    }

    /**
     * Opens the hypervisor, then refuses it unless it is Xen 4.17 with the layouts this binding was built for.
     *
     * @throws XenUnavailableException off Xen, without privilege, without the libraries, or on another Xen version
     */
    public static XenControl open() {
        if (PRIVCMD.stream().noneMatch(Files::exists)) {
            throw new XenUnavailableException("Xen is not reachable: " + PRIVCMD.get(0)
                    + " does not exist (xzone must run in a Xen dom0)");
        }
        LayoutCheck.structureSizes();
        XcHandle handle = XcHandle.open(0, "cannot open the Xen control interface");
        try {
            XenControl control = new XenControl(handle);
            LayoutCheck.version(control.version());
            LayoutCheck.domImage(NativeLibraries.xenguest(), handle);
            return control;
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    @Override
    public synchronized XenVersion version() {
        int packed = funnel().call("xc_version(XENVER_version)", () -> xc.xc_version(handle.xch, LibXenCtrl.XENVER_VERSION, null));
        Memory extra = new Memory(LibXenCtrl.XEN_EXTRAVERSION_LEN);
        extra.clear();
        funnel().call("xc_version(XENVER_extraversion)",
                () -> xc.xc_version(handle.xch, LibXenCtrl.XENVER_EXTRAVERSION, extra));
        return XenVersion.fromPacked(packed, extra.getString(0, "US-ASCII"));
    }

    @Override
    public synchronized PhysInfo physinfo() {
        XenSysctlPhysinfo info = new XenSysctlPhysinfo();
        funnel().call("xc_physinfo()", () -> xc.xc_physinfo(handle.xch, info));
        return new PhysInfo(info.nr_cpus, Integer.toUnsignedLong(info.cpu_khz), info.total_pages, info.free_pages,
                HostCapability.fromMask(info.capabilities));
    }

    @Override
    public synchronized int createDomain(DomainConfig config) {
        XenDomctlCreateDomain create = new XenDomctlCreateDomain();
        ByteBuffer.wrap(create.handle).putLong(config.handle().getMostSignificantBits())
                .putLong(config.handle().getLeastSignificantBits());
        create.flags = config.flagMask();
        create.max_vcpus = config.maxVcpus();
        create.max_evtchn_port = config.maxEvtchnPort();
        create.max_grant_frames = config.maxGrantFrames();
        create.max_maptrack_frames = config.maxMaptrackFrames();
        create.grant_opts = GRANT_VERSION_1;
        create.emulation_flags = config.emulationFlags();
        IntByReference domid = new IntByReference(0);
        funnel().call("xc_domain_create(uuid " + config.handle() + ", flags 0x" + Integer.toHexString(create.flags)
                + ", max_vcpus " + config.maxVcpus() + ", emulation 0x" + Integer.toHexString(config.emulationFlags()) + ")",
                () -> xc.xc_domain_create(handle.xch, domid, create));
        return domid.getValue();
    }

    @Override
    public synchronized void setMaxVcpus(int domid, int maxVcpus) {
        funnel().call("xc_domain_max_vcpus(domain " + domid + ", " + maxVcpus + ")",
                () -> xc.xc_domain_max_vcpus(handle.xch, domid, maxVcpus));
    }

    @Override
    public synchronized void setMaxMemory(int domid, long maxMemKib) {
        funnel().call("xc_domain_setmaxmem(domain " + domid + ", " + maxMemKib + " KiB)",
                () -> xc.xc_domain_setmaxmem(handle.xch, domid, maxMemKib));
    }

    @Override
    public synchronized void setVcpuAffinity(int domid, int vcpu, Set<Integer> cpus) {
        String call = "xc_vcpu_setaffinity(domain " + domid + ", vcpu " + vcpu + ", cpus " + new TreeSet<>(cpus) + ")";
        int size = funnel().call("xc_get_cpumap_size()", () -> xc.xc_get_cpumap_size(handle.xch));
        byte[] hard = new byte[size];
        for (int cpu : cpus) {
            if (cpu < 0 || cpu >= size * 8) {
                throw new XenException(call, 22, "cpu " + cpu + " is outside this host's cpumap of " + size * 8 + " cpus");
            }
            hard[cpu / 8] |= (byte) (1 << (cpu % 8));
        }
        byte[] soft = new byte[size];
        funnel().call(call, () -> xc.xc_vcpu_setaffinity(handle.xch, domid, vcpu, hard, soft,
                LibXenCtrl.XEN_VCPUAFFINITY_HARD));
    }

    @Override
    public synchronized void setMemmapLimit(int domid, long mapLimitKib) {
        funnel().call("xc_domain_set_memmap_limit(domain " + domid + ", " + mapLimitKib + " KiB)",
                () -> xc.xc_domain_set_memmap_limit(handle.xch, domid, mapLimitKib));
    }

    @Override
    public synchronized void setMemoryMap(int domid, List<E820Entry> map) {
        writeMemoryMap(domid, map);
    }

    private Memory writeMemoryMap(int domid, List<E820Entry> map) {
        if (map.isEmpty()) {
            throw new IllegalArgumentException("a memory map needs at least one entry");
        }
        Memory packed = new Memory((long) map.size() * E820EntryStruct.SIZE);
        for (int i = 0; i < map.size(); i++) {
            E820EntryStruct entry = new E820EntryStruct(packed.share((long) i * E820EntryStruct.SIZE));
            entry.addr = map.get(i).address();
            entry.size = map.get(i).size();
            entry.type = map.get(i).type();
            entry.write();
        }
        funnel().call("xc_domain_set_memory_map(domain " + domid + ", " + map.size() + " entries)",
                () -> xc.xc_domain_set_memory_map(handle.xch, domid, packed, map.size()));
        return packed;
    }

    @Override
    public synchronized void setTscMode(int domid, TscMode mode) {
        funnel().call("xc_domain_set_tsc_info(domain " + domid + ", " + mode + ")",
                () -> xc.xc_domain_set_tsc_info(handle.xch, domid, mode.code(), 0, 0, 0));
    }

    @Override
    public synchronized void setHvmParam(int domid, HvmParam param, long value) {
        funnel().call("xc_hvm_param_set(domain " + domid + ", HVM_PARAM_" + param + ", " + value + ")",
                () -> xc.xc_hvm_param_set(handle.xch, domid, param.index(), value));
    }

    @Override
    public synchronized long getHvmParam(int domid, HvmParam param) {
        LongByReference value = new LongByReference();
        funnel().call("xc_hvm_param_get(domain " + domid + ", HVM_PARAM_" + param + ")",
                () -> xc.xc_hvm_param_get(handle.xch, domid, param.index(), value));
        return value.getValue();
    }

    @Override
    public synchronized int allocUnboundEvtchn(int domid, int remoteDomid) {
        return funnel().call("xc_evtchn_alloc_unbound(domain " + domid + ", remote " + remoteDomid + ")",
                () -> xc.xc_evtchn_alloc_unbound(handle.xch, domid, remoteDomid));
    }

    @Override
    public synchronized BuiltImage buildImage(ImageSpec spec) {
        return new DomainImageBuild(NativeLibraries.xenguest(), handle, memoryMapWriter, IMAGE_FILES).build(spec);
    }

    @Override
    public synchronized void pause(int domid) {
        funnel().call("xc_domain_pause(domain " + domid + ")", () -> xc.xc_domain_pause(handle.xch, domid));
    }

    @Override
    public synchronized void unpause(int domid) {
        funnel().call("xc_domain_unpause(domain " + domid + ")", () -> xc.xc_domain_unpause(handle.xch, domid));
    }

    @Override
    public synchronized void shutdown(int domid, ShutdownReason reason) {
        funnel().call("xc_domain_shutdown(domain " + domid + ", " + reason + ")",
                () -> xc.xc_domain_shutdown(handle.xch, domid, reason.code()));
    }

    @Override
    public synchronized void destroy(int domid) {
        funnel().call("xc_domain_destroy(domain " + domid + ")", () -> xc.xc_domain_destroy(handle.xch, domid));
    }

    @Override
    public synchronized List<DomainInfo> listDomains() {
        List<DomainInfo> domains = new ArrayList<>();
        int first = 0;
        while (true) {
            List<DomainInfo> batch = getinfolist(first, INFO_BATCH);
            domains.addAll(batch);
            if (batch.size() < INFO_BATCH) {
                return domains;
            }
            first = batch.get(batch.size() - 1).domid() + 1;
        }
    }

    @Override
    public synchronized Optional<DomainInfo> domainInfo(int domid) {
        // getinfolist answers with the first domain at or after domid: it is ours only if the ids match.
        return getinfolist(domid, 1).stream().filter(info -> info.domid() == domid).findFirst();
    }

    private List<DomainInfo> getinfolist(int first, int max) {
        Memory buffer = new Memory((long) max * XcDomainInfo.SIZE);
        int count = funnel().call("xc_domain_getinfolist(from domain " + first + ", " + max + ")",
                () -> xc.xc_domain_getinfolist(handle.xch, first, max, buffer));
        List<DomainInfo> infos = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            XcDomainInfo raw = new XcDomainInfo(buffer.share((long) i * XcDomainInfo.SIZE));
            raw.read();
            infos.add(decode(raw));
        }
        return infos;
    }

    static DomainInfo decode(XcDomainInfo raw) {
        ByteBuffer uuid = ByteBuffer.wrap(raw.handle);
        return new DomainInfo(Short.toUnsignedInt(raw.domain), DomainFlag.fromMask(raw.flags),
                (raw.flags >>> XcDomainInfo.SHUTDOWN_SHIFT) & XcDomainInfo.SHUTDOWN_MASK, raw.tot_pages,
                raw.max_pages, raw.cpu_time, raw.nr_online_vcpus, raw.max_vcpu_id,
                new UUID(uuid.getLong(), uuid.getLong()), raw.cpupool);
    }

    /** Synchronized like every call, so a handle is never closed under a running one. */
    @Override
    public synchronized void close() {
        handle.close();
    }

    private ErrorFunnel funnel() {
        return handle.funnel;
    }
}

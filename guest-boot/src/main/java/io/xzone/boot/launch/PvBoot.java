package io.xzone.boot.launch;

import io.xzone.boot.backend.GuestType;
import io.xzone.boot.device.DeviceBackends;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.xen.DomainConfig;
import io.xzone.xen.Hypervisor;
import io.xzone.xen.ImageContainer;
import io.xzone.xen.ImageSpec;
import io.xzone.xen.TscMode;
import io.xzone.xen.XenStore;
import java.util.List;
import java.util.Optional;

/** A paravirtualized guest: no emulation at all; the kernel's ELF image is loaded by libxenguest into a PV container. */
public final class PvBoot extends BootStrategy {
    public PvBoot(Hypervisor xen, XenStore store, DeviceBackends backends) {
        super(xen, store, backends);
    }

    @Override
    public GuestType type() {
        return GuestType.PV;
    }

    @Override
    protected DomainConfig domainConfig(ZoneSpec spec) {
        return DomainConfig.pv(spec.uuid(), spec.maxVcpus());
    }

    @Override
    protected void setLimits(ZoneSpec spec, int domid) {
        xen.setMaxVcpus(domid, spec.maxVcpus());
        new VcpuPinning(xen).pin(domid, spec);
        xen.setMaxMemory(domid, spec.memoryMib() * 1024 + MAXMEM_SLACK_KIB);
        // The highest address the guest may map: its maximum memory (libxl adds a PV slack that defaults to 0).
        xen.setMemmapLimit(domid, spec.maxmemMib() * 1024);
        xen.setTscMode(domid, TscMode.DEFAULT);
    }

    @Override
    protected ImageSpec imageSpec(ZoneSpec spec, int domid, int storePort, int consolePort) {
        return new ImageSpec(domid, ImageContainer.PV, spec.kernel().orElseThrow(), spec.ramdisk(), spec.cmdline(),
                spec.memoryMib(), spec.maxVcpus(), storePort, consolePort, DOM0, DOM0, Optional.empty());
    }

    @Override
    public List<String> plan(ZoneSpec spec) {
        return List.of(
                "create: xc_domain_create, PV (no CDF flags, emulation flags 0), handle " + spec.uuid() + ", max_vcpus " + spec.maxVcpus(),
                "limits: xc_domain_max_vcpus " + spec.maxVcpus() + VcpuPinning.describe(spec) + ", xc_domain_setmaxmem "
                        + (spec.memoryMib() * 1024 + MAXMEM_SLACK_KIB) + " KiB, xc_domain_set_memmap_limit "
                        + spec.maxmemMib() * 1024 + " KiB, tsc_mode default",
                "event channels: xc_evtchn_alloc_unbound x2 (xenstore, console) for dom0",
                "image: xc_dom_* chain, PV container, " + spec.memoryMib() + " MiB, kernel " + spec.kernel().orElseThrow()
                        + spec.ramdisk().map(r -> ", ramdisk " + r).orElse(""),
                "xenstore: one transaction: domain skeleton, memory/vcpus/store ring, /vm entries, console for xenconsoled, vbd/vif frontends and backends",
                "introduce: xs_introduce_domain (store ring mfn, store port)",
                devicesPlan(spec),
                "device model: none (PV)",
                "unpause: xc_domain_unpause");
    }
}

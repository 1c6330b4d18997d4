package io.xzone.boot.launch;

import io.xzone.boot.acpi.PvhAcpiTables;
import io.xzone.boot.backend.GuestType;
import io.xzone.boot.device.DeviceBackends;
import io.xzone.boot.kernel.ElfNotes;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.xen.DomainConfig;
import io.xzone.xen.HvmLayout;
import io.xzone.xen.Hypervisor;
import io.xzone.xen.ImageContainer;
import io.xzone.xen.ImageSpec;
import io.xzone.xen.XenStore;
import java.util.List;
import java.util.Optional;

/**
 * A PVH guest: an HVM container with only the local APIC emulated and no device model; the kernel starts at its
 * PHYS32_ENTRY ELF note, with ACPI tables (one MADT entry per vCPU) and an e820 map whose MMIO hole covers the LAPIC,
 * the ACPI area and the special pages.
 */
public final class PvhBoot extends HvmContainerBoot {
    public PvhBoot(Hypervisor xen, XenStore store, DeviceBackends backends, boolean hap) {
        super(xen, store, backends, hap);
    }

    @Override
    public GuestType type() {
        return GuestType.PVH;
    }

    @Override
    protected DomainConfig domainConfig(ZoneSpec spec) {
        return DomainConfig.pvh(spec.uuid(), spec.maxVcpus(), hap);
    }

    @Override
    protected void setHvmParams(int domid) {
        // libxl sets none of the emulated-platform params (HPET, timer mode, viridian) for PVH.
    }

    @Override
    protected ImageSpec imageSpec(ZoneSpec spec, int domid, int storePort, int consolePort) {
        return new ImageSpec(domid, ImageContainer.HVM, spec.kernel().orElseThrow(), spec.ramdisk(), spec.cmdline(),
                spec.maxmemMib(), spec.maxVcpus(), storePort, consolePort, DOM0, DOM0,
                Optional.of(layout(spec, acpiTables(spec))));
    }

    /**
     * The MADT, DSDT and the rest: without a MADT a guest brings up one vCPU only. The kernel's notes decide where
     * the RSDP may go.
     */
    private static PvhAcpiTables acpiTables(ZoneSpec spec) {
        boolean rsdpAnywhere = ElfNotes.inspect(spec.kernel().orElseThrow()).findsRsdpAnywhere();
        return PvhAcpiTables.build(spec.vcpus(), spec.maxVcpus(), rsdpAnywhere);
    }

    private static HvmLayout layout(ZoneSpec spec, PvhAcpiTables acpi) {
        return HvmMemoryLayout.pvh(spec.memoryMib(), spec.maxmemMib(), acpi.modules());
    }

    @Override
    public List<String> plan(ZoneSpec spec) {
        PvhAcpiTables acpi = acpiTables(spec);
        HvmLayout layout = layout(spec, acpi);
        return List.of(
                "create: xc_domain_create, PVH (CDF hvm" + (hap ? " + hap" : "") + ", emulation flags 0x1 = LAPIC), handle " + spec.uuid(),
                limitsPlan(spec, "no emulated-platform HVM params"),
                "event channels: xc_evtchn_alloc_unbound x2 (xenstore, console) for dom0",
                "image: xc_dom_* chain, HVM container, " + layout.targetPages() + " target pages, MMIO hole 0x"
                        + Long.toHexString(layout.mmioStart()) + "-4G, e820 " + E820Text.of(layout.e820())
                        + ", ACPI " + acpi.describe() + " (" + spec.vcpus() + " of " + spec.maxVcpus() + " vCPUs enabled)"
                        + ", kernel " + spec.kernel().orElseThrow() + spec.ramdisk().map(r -> ", ramdisk " + r).orElse(""),
                "xenstore: one transaction: domain skeleton, memory/vcpus/store ring, /vm entries, console for xenconsoled, vbd/vif frontends and backends",
                "introduce: xs_introduce_domain (store ring pfn, store port)",
                devicesPlan(spec),
                "device model: none (PVH)",
                "unpause: xc_domain_unpause");
    }
}

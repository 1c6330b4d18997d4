/* Prints "name offset" for every struct field the JNA binding maps, as gcc lays them out from Xen's headers. */
#include <stddef.h>
#include <stdio.h>
#include <xenctrl.h>
#include <xenguest.h>

#define SIZE(type, name) printf("%s %zu\n", name, sizeof(type))
#define AT(type, field, name) printf("%s %zu\n", name, offsetof(type, field))

int main(void)
{
    SIZE(struct xen_domctl_createdomain, "createdomain");
    AT(struct xen_domctl_createdomain, ssidref, "createdomain.ssidref");
    AT(struct xen_domctl_createdomain, handle, "createdomain.handle");
    AT(struct xen_domctl_createdomain, flags, "createdomain.flags");
    AT(struct xen_domctl_createdomain, iommu_opts, "createdomain.iommu_opts");
    AT(struct xen_domctl_createdomain, max_vcpus, "createdomain.max_vcpus");
    AT(struct xen_domctl_createdomain, max_evtchn_port, "createdomain.max_evtchn_port");
    AT(struct xen_domctl_createdomain, max_grant_frames, "createdomain.max_grant_frames");
    AT(struct xen_domctl_createdomain, max_maptrack_frames, "createdomain.max_maptrack_frames");
    AT(struct xen_domctl_createdomain, grant_opts, "createdomain.grant_opts");
    AT(struct xen_domctl_createdomain, vmtrace_size, "createdomain.vmtrace_size");
    AT(struct xen_domctl_createdomain, cpupool_id, "createdomain.cpupool_id");
    AT(struct xen_domctl_createdomain, arch.emulation_flags, "createdomain.emulation_flags");
    AT(struct xen_domctl_createdomain, arch.misc_flags, "createdomain.misc_flags");

    SIZE(xc_physinfo_t, "physinfo");
    AT(xc_physinfo_t, nr_cpus, "physinfo.nr_cpus");
    AT(xc_physinfo_t, cpu_khz, "physinfo.cpu_khz");
    AT(xc_physinfo_t, capabilities, "physinfo.capabilities");
    AT(xc_physinfo_t, total_pages, "physinfo.total_pages");
    AT(xc_physinfo_t, free_pages, "physinfo.free_pages");
    AT(xc_physinfo_t, max_mfn, "physinfo.max_mfn");
    AT(xc_physinfo_t, hw_cap, "physinfo.hw_cap");

    SIZE(xc_domaininfo_t, "domaininfo");
    AT(xc_domaininfo_t, domain, "domaininfo.domain");
    AT(xc_domaininfo_t, flags, "domaininfo.flags");
    AT(xc_domaininfo_t, tot_pages, "domaininfo.tot_pages");
    AT(xc_domaininfo_t, max_pages, "domaininfo.max_pages");
    AT(xc_domaininfo_t, cpu_time, "domaininfo.cpu_time");
    AT(xc_domaininfo_t, nr_online_vcpus, "domaininfo.nr_online_vcpus");
    AT(xc_domaininfo_t, max_vcpu_id, "domaininfo.max_vcpu_id");
    AT(xc_domaininfo_t, handle, "domaininfo.handle");
    AT(xc_domaininfo_t, cpupool, "domaininfo.cpupool");
    AT(xc_domaininfo_t, arch_config.emulation_flags, "domaininfo.emulation_flags");

    SIZE(struct e820entry, "e820entry");
    AT(struct e820entry, addr, "e820entry.addr");
    AT(struct e820entry, size, "e820entry.size");
    AT(struct e820entry, type, "e820entry.type");

    SIZE(struct xc_dom_image, "dom");
    AT(struct xc_dom_image, kernel_size, "dom.kernel_size");
    AT(struct xc_dom_image, max_kernel_size, "dom.max_kernel_size");
    AT(struct xc_dom_image, cmdline, "dom.cmdline");
    AT(struct xc_dom_image, guest_type, "dom.guest_type");
    AT(struct xc_dom_image, console_pfn, "dom.console_pfn");
    AT(struct xc_dom_image, xenstore_pfn, "dom.xenstore_pfn");
    AT(struct xc_dom_image, pv_p2m, "dom.pv_p2m");
    AT(struct xc_dom_image, total_pages, "dom.total_pages");
    AT(struct xc_dom_image, flags, "dom.flags");
    AT(struct xc_dom_image, console_evtchn, "dom.console_evtchn");
    AT(struct xc_dom_image, xenstore_evtchn, "dom.xenstore_evtchn");
    AT(struct xc_dom_image, console_domid, "dom.console_domid");
    AT(struct xc_dom_image, xenstore_domid, "dom.xenstore_domid");
    AT(struct xc_dom_image, xch, "dom.xch");
    AT(struct xc_dom_image, claim_enabled, "dom.claim_enabled");
    AT(struct xc_dom_image, xen_caps, "dom.xen_caps");
    AT(struct xc_dom_image, container_type, "dom.container_type");
    AT(struct xc_dom_image, target_pages, "dom.target_pages");
    AT(struct xc_dom_image, mmio_start, "dom.mmio_start");
    AT(struct xc_dom_image, mmio_size, "dom.mmio_size");
    AT(struct xc_dom_image, lowmem_end, "dom.lowmem_end");
    AT(struct xc_dom_image, highmem_end, "dom.highmem_end");
    AT(struct xc_dom_image, vga_hole_size, "dom.vga_hole_size");
    AT(struct xc_dom_image, device_model, "dom.device_model");
    AT(struct xc_dom_image, system_firmware_module, "dom.system_firmware_module");
    AT(struct xc_dom_image, acpi_modules, "dom.acpi_modules");
    AT(struct xc_dom_image, e820, "dom.e820");
    AT(struct xc_dom_image, e820_entries, "dom.e820_entries");
    AT(struct xc_dom_image, max_vcpus, "dom.max_vcpus");
    SIZE(struct xc_hvm_firmware_module, "firmware_module");
    return 0;
}

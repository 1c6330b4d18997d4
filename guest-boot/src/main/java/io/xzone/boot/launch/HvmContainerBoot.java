package io.xzone.boot.launch;

import io.xzone.boot.device.DeviceBackends;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.xen.Hypervisor;
import io.xzone.xen.TscMode;
import io.xzone.xen.XenStore;

/** What PVH and HVM guests share: an HVM container (CDF_hvm, hardware paging) with its limits set the libxl way. */
abstract class HvmContainerBoot extends BootStrategy {
    /** Build with hardware-assisted paging (CDF_hap), as the backend choice decided; else shadow paging. */
    protected final boolean hap;

    HvmContainerBoot(Hypervisor xen, XenStore store, DeviceBackends backends, boolean hap) {
        super(xen, store, backends);
        this.hap = hap;
    }

    @Override
    protected void setLimits(ZoneSpec spec, int domid) {
        xen.setMaxVcpus(domid, spec.maxVcpus());
        new VcpuPinning(xen).pin(domid, spec);
        xen.setMaxMemory(domid, spec.maxmemMib() * 1024 + MAXMEM_SLACK_KIB);
        setHvmParams(domid);
        xen.setTscMode(domid, TscMode.DEFAULT);
    }

    /** The HVM params libxl's hvm_set_conf_params sets for this type. */
    protected abstract void setHvmParams(int domid);

    protected String limitsPlan(ZoneSpec spec, String params) {
        return "limits: xc_domain_max_vcpus " + spec.maxVcpus() + VcpuPinning.describe(spec) + ", xc_domain_setmaxmem "
                + (spec.maxmemMib() * 1024 + MAXMEM_SLACK_KIB) + " KiB, " + params + ", tsc_mode default";
    }
}

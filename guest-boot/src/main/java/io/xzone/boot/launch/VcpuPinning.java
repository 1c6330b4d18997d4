package io.xzone.boot.launch;

import io.xzone.boot.spec.ZoneSpec;
import io.xzone.xen.Hypervisor;
import java.util.Set;
import java.util.TreeSet;

/** Hard affinity of every vCPU to the spec's {@code cpus} (xl's cpus="1"), as libxl sets it before memory. */
final class VcpuPinning {
    private final Hypervisor xen;

    VcpuPinning(Hypervisor xen) {
        this.xen = xen;
    }

    void pin(int domid, ZoneSpec spec) {
        if (spec.cpus().isAny()) {
            return;
        }
        Set<Integer> cpus = new TreeSet<>(spec.cpus().cpus());
        for (int vcpu = 0; vcpu < spec.maxVcpus(); vcpu++) {
            xen.setVcpuAffinity(domid, vcpu, cpus);
        }
    }

    static String describe(ZoneSpec spec) {
        return spec.cpus().isAny() ? "" : ", xc_vcpu_setaffinity of each vCPU to cpus " + spec.cpus();
    }
}

package io.xzone.xen;

import java.util.EnumSet;
import java.util.Set;

/**
 * The host as the hypervisor describes it ({@code xc_physinfo}).
 *
 * @param nrCpus       physical CPUs Xen runs on
 * @param cpuKhz       CPU clock in kHz
 * @param totalPages   host memory in 4 KiB pages
 * @param freePages    memory not given to any domain, in 4 KiB pages
 * @param capabilities what guests the host can run (PV, HVM, HAP, ...)
 */
public record PhysInfo(int nrCpus, long cpuKhz, long totalPages, long freePages, Set<HostCapability> capabilities) {
    public static final long PAGE_SIZE = 4096;

    public PhysInfo {
        capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
    }

    public boolean has(HostCapability capability) {
        return capabilities.contains(capability);
    }

    public long totalMemoryBytes() {
        return totalPages * PAGE_SIZE;
    }

    public long freeMemoryBytes() {
        return freePages * PAGE_SIZE;
    }
}

package io.xzone.xen;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One domain as {@code xc_domain_getinfolist} reports it (xc_domaininfo_t).
 *
 * @param domid         the domain id
 * @param flags         decoded XEN_DOMINF_* bits (running, paused, shutdown, dying, hvm_guest, ...)
 * @param shutdownCode  the SHUTDOWN_* code, meaningful only when {@link DomainFlag#SHUTDOWN} is set
 * @param totPages      pages the domain holds now
 * @param maxPages      the most pages it may hold
 * @param cpuTimeNanos  CPU time used, in nanoseconds
 * @param onlineVcpus   vCPUs online
 * @param maxVcpuId     highest vCPU id
 * @param handle        the domain's UUID
 * @param cpupool       the CPU pool it runs in
 */
public record DomainInfo(int domid, Set<DomainFlag> flags, int shutdownCode, long totPages, long maxPages,
                         long cpuTimeNanos, int onlineVcpus, int maxVcpuId, UUID handle, int cpupool) {
    public DomainInfo {
        flags = Set.copyOf(flags);
    }

    public boolean has(DomainFlag flag) {
        return flags.contains(flag);
    }

    /** Why the domain shut down, when it did. */
    public Optional<ShutdownReason> shutdownReason() {
        return has(DomainFlag.SHUTDOWN) ? ShutdownReason.fromCode(shutdownCode) : Optional.empty();
    }
}

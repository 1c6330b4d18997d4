package io.xzone.boot.lifecycle;

import io.xzone.xen.DomainFlag;
import io.xzone.xen.DomainInfo;
import io.xzone.xen.Hypervisor;
import io.xzone.xen.ShutdownReason;
import io.xzone.xen.XenStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What runs on this host: every domain Xen reports, named and typed from xenstore the way libxl records them, so
 * xl's domains show up as well as xzone's.
 */
public final class ZoneInventory {
    private static final long KIB_PER_PAGE = 4;

    private final Hypervisor xen;
    private final XenStore store;

    public ZoneInventory(Hypervisor xen, XenStore store) {
        this.xen = xen;
        this.store = store;
    }

    /** Every domain, dom0 included, in domid order. */
    public List<ZoneStatus> list() {
        List<ZoneStatus> zones = new ArrayList<>();
        for (DomainInfo info : xen.listDomains()) {
            zones.add(status(info));
        }
        return zones;
    }

    /** The names of the running domains, for the spec's uniqueness check (one read each, not a whole status). */
    public List<String> names() {
        return xen.listDomains().stream().map(info -> name(info.domid())).toList();
    }

    /** The domid of the named domain. */
    public int domidOf(String name) {
        for (DomainInfo info : xen.listDomains()) {
            if (name(info.domid()).equals(name)) {
                return info.domid();
            }
        }
        throw new ZoneNotFoundException(name);
    }

    private ZoneStatus status(DomainInfo info) {
        int domid = info.domid();
        String type = store.read("/libxl/" + domid + "/type")
                .orElse(domid == 0 ? "dom0" : info.has(DomainFlag.HVM_GUEST) ? "hvm?" : "pv?");
        String requested = store.read("/libxl/" + domid + "/xzone/backend").orElse("-");
        return new ZoneStatus(name(domid), domid, requested, type, state(info), info.totPages() * KIB_PER_PAGE / 1024,
                info.onlineVcpus());
    }

    /** The name libxl records; xl shows "(null)" for a domain without one, we show its number. */
    String name(int domid) {
        Optional<String> name = store.read("/local/domain/" + domid + "/name");
        return name.orElse(domid == 0 ? "Domain-0" : "domain-" + domid);
    }

    private static String state(DomainInfo info) {
        StringBuilder letters = new StringBuilder();
        letters.append(info.has(DomainFlag.RUNNING) ? 'r' : '-');
        letters.append(info.has(DomainFlag.BLOCKED) ? 'b' : '-');
        letters.append(info.has(DomainFlag.PAUSED) ? 'p' : '-');
        boolean crashed = info.shutdownReason().filter(r -> r == ShutdownReason.CRASH).isPresent();
        letters.append(info.has(DomainFlag.SHUTDOWN) && !crashed ? 's' : '-');
        letters.append(crashed ? 'c' : '-');
        letters.append(info.has(DomainFlag.DYING) ? 'd' : '-');
        return letters.toString();
    }
}

package io.xzone.cli.daemon;

import io.xzone.xen.Hypervisor;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

/**
 * Hypervisor handles kept open between the daemon's commands. Opening one is libxenctrl's and libxenguest's set-up
 * plus the binding's layout checks (a hypercall and an xc_dom_image probe): ~40-80 ms of a launch in the lab's dom0,
 * and nothing about them changes while the daemon runs. A command takes one for itself (commands run concurrently and
 * a handle's error capture is per call), and gives it back when done; a few are kept, the others closed.
 */
final class IdleHypervisors {
    /** Enough for a launch and a supervisor's check to overlap without opening; more would only hold descriptors. */
    static final int KEPT = 2;

    private final Supplier<Hypervisor> opener;
    private final Deque<Hypervisor> idle = new ConcurrentLinkedDeque<>();

    IdleHypervisors(Supplier<Hypervisor> opener) {
        this.opener = opener;
    }

    /** An idle handle, else a new one; throws as the opener does (off Xen: XenUnavailableException). */
    Hypervisor take() {
        Hypervisor xen = idle.pollFirst();
        return xen != null ? xen : opener.get();
    }

    /** Keeps {@code xen} for a later command, or closes it when enough are kept. */
    void giveBack(Hypervisor xen) {
        if (idle.size() < KEPT) {
            idle.addFirst(xen);
        } else {
            xen.close();
        }
    }
}

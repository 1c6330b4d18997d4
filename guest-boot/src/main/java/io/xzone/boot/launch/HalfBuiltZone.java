package io.xzone.boot.launch;

import io.xzone.boot.layout.XsTrees;
import io.xzone.boot.layout.ZoneLayout;
import io.xzone.xen.Hypervisor;
import io.xzone.xen.XenStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a launch has created so far, so that a failure can take all of it away again: the device model process, the
 * domain's registration with xenstored, the domain itself (destroying it frees its memory and event channels) and
 * the xenstore trees the launch writes. Each undo is tried even when an earlier one fails.
 */
final class HalfBuiltZone {
    private static final Logger LOG = LoggerFactory.getLogger(HalfBuiltZone.class);

    private final Hypervisor xen;
    private final XenStore store;
    private Integer domid;
    private ZoneLayout layout;
    private boolean introduceAsked;
    private DeviceModel deviceModel;

    HalfBuiltZone(Hypervisor xen, XenStore store) {
        this.xen = xen;
        this.store = store;
    }

    void created(int newDomid, ZoneLayout zoneLayout) {
        this.domid = newDomid;
        this.layout = zoneLayout;
    }

    /**
     * The launch is about to introduce the domain to xenstored. From here the undo releases it whenever xenstored
     * knows it, even if the introduce reported a failure: xenstored may have acted before its reply was lost.
     */
    void introducing() {
        this.introduceAsked = true;
    }

    void deviceModel(DeviceModel started) {
        this.deviceModel = started;
    }

    Optional<Integer> domid() {
        return Optional.ofNullable(domid);
    }

    /** Removes everything, newest first; returns what could not be removed (empty when all went). */
    List<String> undo() {
        List<String> leftovers = new ArrayList<>();
        if (deviceModel != null) {
            attempt(leftovers, "device model", deviceModel::stop);
        }
        if (domid == null) {
            return leftovers;
        }
        if (introduceAsked) {
            attempt(leftovers, "xs_release_domain(" + domid + ")", () -> {
                if (store.isDomainIntroduced(domid)) {
                    store.releaseDomain(domid);
                }
            });
        }
        attempt(leftovers, "domain " + domid, () -> xen.destroy(domid));
        for (String tree : layout.ownedTrees()) {
            attempt(leftovers, "xenstore " + tree, () -> XsTrees.removeIfPresent(store, tree));
        }
        return leftovers;
    }

    private static void attempt(List<String> leftovers, String what, Runnable undo) {
        try {
            undo.run();
        } catch (RuntimeException e) {
            LOG.warn("could not remove {} of a failed launch: {}", what, e.getMessage());
            leftovers.add(what + " (" + e.getMessage() + ")");
        }
    }
}

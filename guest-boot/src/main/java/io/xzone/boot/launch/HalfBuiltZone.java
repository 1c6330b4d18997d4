package io.xzone.boot.launch;

import io.xzone.boot.device.DeviceBackends;
import io.xzone.boot.device.DeviceId;
import io.xzone.boot.device.Leftovers;
import io.xzone.boot.device.PvDevice;
import io.xzone.boot.layout.XsTrees;
import io.xzone.boot.layout.ZoneLayout;
import io.xzone.xen.Hypervisor;
import io.xzone.xen.XenStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a launch has created so far, so that a failure can take all of it away again: the device model process, the
 * paravirtual devices (backends, hotplug scripts' work such as loop devices and bridge ports), the domain's registration with xenstored, the domain itself (destroying it frees its memory and event channels) and
 * the xenstore trees the launch writes. Each undo is tried even when an earlier one fails.
 */
final class HalfBuiltZone {
    private final Hypervisor xen;
    private final XenStore store;
    private final DeviceBackends backends;
    private final List<PvDevice> devices = new ArrayList<>();
    private final Set<DeviceId> hotplugged = new HashSet<>();
    private Integer domid;
    private ZoneLayout layout;
    private boolean introduceAsked;
    private DeviceModel deviceModel;

    HalfBuiltZone(Hypervisor xen, XenStore store, DeviceBackends backends) {
        this.xen = xen;
        this.store = store;
        this.backends = backends;
    }

    void created(int newDomid, ZoneLayout zoneLayout) {
        this.domid = newDomid;
        this.layout = zoneLayout;
    }

    /** The devices' nodes are in xenstore: their backends may take them from now on. */
    void devicesWritten(List<PvDevice> written) {
        devices.addAll(written);
    }

    /** The device's hotplug script was started: undoing it needs the script's detach action. */
    void hotplugStarted(DeviceId device) {
        hotplugged.add(device);
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
        Leftovers leftovers = new Leftovers("a failed launch");
        if (deviceModel != null) {
            leftovers.attempt("device model", deviceModel::stop);
        }
        if (domid == null) {
            return leftovers.items();
        }
        // Devices first, as libxl's destroy does: the backends let go of the disks and vifs while the domain exists.
        List<DeviceId> ids = devices.stream().map(PvDevice::id).toList();
        leftovers.devices(backends.detachAll(ids, hotplugged::contains));
        if (introduceAsked) {
            leftovers.attempt("xs_release_domain(" + domid + ")", () -> {
                if (store.isDomainIntroduced(domid)) {
                    store.releaseDomain(domid);
                }
            });
        }
        leftovers.attempt("domain " + domid, () -> xen.destroy(domid));
        for (String tree : layout.ownedTrees()) {
            leftovers.attempt("xenstore " + tree, () -> XsTrees.removeIfPresent(store, tree));
        }
        return leftovers.items();
    }
}

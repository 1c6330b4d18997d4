package io.xzone.boot.lifecycle;

import io.xzone.boot.device.DeviceBackends;
import io.xzone.boot.device.DeviceId;
import io.xzone.boot.device.Leftovers;
import io.xzone.boot.layout.XsTrees;
import io.xzone.xen.DomainFlag;
import io.xzone.xen.DomainInfo;
import io.xzone.xen.Hypervisor;
import io.xzone.xen.XenException;
import io.xzone.xen.XenStore;
import io.xzone.xen.XenStoreWatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Destroy, shut down, reboot, pause and unpause a running domain, whichever toolstack launched it. Destroy removes
 * what libxl's destroy removes: the device model, the paravirtual disks and vifs, the domain, and its trees under /local/domain, /vm, /libxl and
 * dom0's backend and device-model areas.
 */
public final class ZoneControl {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneControl.class);
    private static final String DOM0_PATH = "/local/domain/0";

    private final Hypervisor xen;
    private final XenStore store;
    private final DeviceBackends backends;

    /** Control with this dom0's kernel backends and Xen's hotplug scripts. */
    public ZoneControl(Hypervisor xen, XenStore store) {
        this(xen, store, DeviceBackends.standard(store));
    }

    public ZoneControl(Hypervisor xen, XenStore store, DeviceBackends backends) {
        this.xen = xen;
        this.store = store;
        this.backends = backends;
    }

    /**
     * Ends the domain at once and removes every trace of it in xenstore, in libxl 4.17's order
     * (libxl__destroy_domid): pause, device model, devices, then the domain. Like libxl, it goes on past what it cannot
     * clean (a device whose xenstore work fails, a tree it cannot remove): the domain is destroyed whatever its
     * backends do, and what was left is reported at the end.
     *
     * @throws ZoneDestroyIncompleteException naming each leftover, after everything else was done
     */
    public void destroy(int domid) {
        long start = System.nanoTime();
        Leftovers leftovers = new Leftovers("domain " + domid);
        String dom = "/local/domain/" + domid;
        Optional<String> vm = leftovers.get("its /vm tree", () -> store.read(dom + "/vm")).flatMap(path -> path);
        pauseUnlessDying(domid, xen.domainInfo(domid));
        leftovers.attempt("device model", () -> store.read(dom + "/image/device-model-pid").ifPresent(ZoneControl::stopDeviceModel));
        // Each disk and vif is disconnected and its hotplug script's detach action run (loop device freed, vif off its
        // bridge) while xenstored still serves the domain: releasing it deletes the nodes the guest owns, its
        // frontends among them, and blkback, seeing its frontend vanish before the backend is set Closing, lets go
        // of the device without ever reporting Closed (the detach then waited out its whole timeout).
        List<DeviceId> devices = leftovers.get("its devices", () -> DeviceId.ofDomain(store, domid)).orElse(List.of());
        leftovers.devices(backends.detachAll(devices, device -> true));
        leftovers.attempt("xs_release_domain(" + domid + ")", () -> release(domid));
        if (xen.domainInfo(domid).isPresent()) {
            try {
                xen.destroy(domid);
            } catch (XenException e) {
                // Its nodes stay, so that it can still be found by name and destroyed again.
                leftovers.failed("domain " + domid, e);
                throw new ZoneDestroyIncompleteException(domid, false, leftovers.items());
            }
        }
        List<String> trees = new ArrayList<>(List.of(dom));
        vm.ifPresent(trees::add);
        trees.addAll(List.of("/libxl/" + domid, DOM0_PATH + "/device-model/" + domid));
        leftovers.get("its backends", () -> XsTrees.children(store, DOM0_PATH + "/backend")).ifPresent(kinds ->
                kinds.forEach(kind -> trees.add(DOM0_PATH + "/backend/" + kind + "/" + domid)));
        for (String tree : trees) {
            leftovers.attempt("xenstore " + tree, () -> XsTrees.removeIfPresent(store, tree));
        }
        LOG.debug("domain {} destroyed in {} ms", domid, (System.nanoTime() - start) / 1_000_000);
        if (!leftovers.isEmpty()) {
            throw new ZoneDestroyIncompleteException(domid, true, leftovers.items());
        }
    }

    private void release(int domid) {
        if (!store.isDomainIntroduced(domid)) {
            return;
        }
        try {
            store.releaseDomain(domid);
        } catch (XenException e) {
            LOG.debug("xenstored had released domain {} already: {}", domid, e.getMessage());
        }
    }

    /** Asks the guest to power off or reboot through control/shutdown, as xl shutdown/reboot do. */
    public void requestShutdown(int domid, String action) {
        store.write("/local/domain/" + domid + "/control/shutdown", action);
    }

    public void pause(int domid) {
        xen.pause(domid);
    }

    public void unpause(int domid) {
        xen.unpause(domid);
    }

    /**
     * Waits until the domain is gone or matches {@code done}, watching @releaseDomain (fired when a domain shuts down
     * or dies) and looking again every second.
     *
     * @return true when it happened in time
     */
    public boolean await(int domid, Predicate<Optional<DomainInfo>> done, Duration timeout) throws InterruptedException {
        try (XenStoreWatch watch = store.watch(XenStore.RELEASE_DOMAIN)) {
            return watch.awaitUntil(() -> done.test(xen.domainInfo(domid)), timeout, Duration.ofSeconds(1));
        }
    }

    /** Gone, or shut down (whatever the reason). */
    public static boolean goneOrShutDown(Optional<DomainInfo> info) {
        return info.isEmpty() || info.get().has(DomainFlag.SHUTDOWN) || info.get().has(DomainFlag.DYING);
    }

    /** As libxl does first, so the guest cannot act on its devices going away; a dying domain is left as it is. */
    private void pauseUnlessDying(int domid, Optional<DomainInfo> info) {
        if (info.isEmpty() || info.get().has(DomainFlag.DYING) || info.get().has(DomainFlag.PAUSED)) {
            return;
        }
        try {
            xen.pause(domid);
        } catch (XenException e) {
            LOG.warn("could not pause domain {} before destroying it: {}", domid, e.getMessage());
        }
    }

    private static void stopDeviceModel(String pid) {
        try {
            ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroy);
        } catch (NumberFormatException e) {
            LOG.warn("ignoring a device-model-pid that is not a number: {}", pid);
        }
    }
}

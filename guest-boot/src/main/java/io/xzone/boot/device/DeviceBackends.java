package io.xzone.boot.device;

import io.xzone.boot.layout.XsTrees;
import io.xzone.xen.XenStore;
import io.xzone.xen.XenStoreWatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects and disconnects paravirtual devices on dom0's kernel backends, in libxl 4.17's order. Attach (after the
 * device's nodes are written): wait until the backend driver has taken the device (state InitWait), then run its
 * hotplug script's attach action (block add: the loop device for an image; vif-bridge online: the vif on its
 * bridge). Detach (libxl__initiate_device_generic_remove, forced as on destroy): remove the frontend, set the backend
 * offline and Closing, wait for Closed (the driver lets go of the disk or vif), run the script's detach action, then
 * remove the backend, frontend and libxl's record.
 */
public final class DeviceBackends {
    /** XenbusState values the toolstack reads and writes. */
    static final int INIT_WAIT = 2;
    static final int CONNECTED = 4;
    static final int CLOSING = 5;
    static final int CLOSED = 6;
    private static final Logger LOG = LoggerFactory.getLogger(DeviceBackends.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    /** Where Linux lists dom0's network interfaces; a bridge has a "bridge" folder there. */
    private static final Path SYS_NET = Path.of("/sys/class/net");
    /** vif-bridge's actions and interface type for the tap of an emulated NIC, as libxl passes them. */
    private static final String TAP_ATTACH = "add";
    private static final String TAP_DETACH = "remove";
    private static final String TAP = "type_if=tap";

    private final XenStore store;
    private final HotplugScripts scripts;
    private final Duration stateTimeout;
    private final Predicate<String> bridgeExists;

    /**
     * @param stateTimeout how long to wait for a backend to take or let go of a device (libxl: 10 s)
     * @param bridgeExists whether dom0 has a bridge of that name (vif-bridge fails without one)
     */
    public DeviceBackends(XenStore store, HotplugScripts scripts, Duration stateTimeout, Predicate<String> bridgeExists) {
        this.store = store;
        this.scripts = scripts;
        this.stateTimeout = stateTimeout;
        this.bridgeExists = bridgeExists;
    }

    /**
     * This dom0's backends with Xen's own scripts; the waits are longer than libxl's (10 s for a state, 40 s for a
     * script) because dom0s under emulation, like the lab's, run the scripts' hundred-odd processes slowly.
     */
    public static DeviceBackends standard(XenStore store) {
        return new DeviceBackends(store, new ProcessHotplugScripts(Duration.ofSeconds(120)), Duration.ofSeconds(30),
                DeviceBackends::dom0HasBridge);
    }

    /**
     * Whether vif-bridge will find the bridge in this dom0: it exists, or (vif-bridge's translation for old configs)
     * it is a missing xenbrN while ethN is a bridge.
     */
    static boolean dom0HasBridge(String bridge) {
        if (Files.isDirectory(SYS_NET.resolve(bridge).resolve("bridge"))) {
            return true;
        }
        return bridge.startsWith("xenbr") && !Files.exists(SYS_NET.resolve(bridge))
                && Files.isDirectory(SYS_NET.resolve("eth" + bridge.substring("xenbr".length())).resolve("bridge"));
    }

    /** Whether dom0 has the bridge a vif names, checked before a launch creates anything. */
    public boolean hasBridge(String bridge) {
        return bridgeExists.test(bridge);
    }

    /**
     * Waits for the backend driver to take the device, then runs its hotplug script.
     *
     * @throws HotplugException naming the device, when the driver does not take it in time or the script fails
     */
    public void awaitBackend(PvDevice device) {
        DeviceId id = device.id();
        String state = id.backendPath() + "/state";
        if (!await(state, s -> s >= INIT_WAIT && s <= CONNECTED)) {
            throw new HotplugException(id.describe() + ": the backend did not reach InitWait within " + stateTimeout.toSeconds()
                    + " s (state " + store.read(state).orElse("gone") + "; is the " + driver(id) + " module loaded in dom0?)");
        }
    }

    /**
     * Runs the device's hotplug script with its attach action, then for a vif with an emulated twin once more for
     * QEMU's tap (libxl: "add type_if=tap"); the failure names the device and the script's error.
     */
    public void runAttachScript(PvDevice device) {
        DeviceId id = device.id();
        boolean twin = device.hasEmulatedTwin();
        try {
            scripts.run(device.script(), arguments(id, id.kind().attachAction()), id.hotplugEnvironment(device.script(), twin));
            if (twin) {
                scripts.run(device.script(), List.of(TAP_ATTACH, TAP), id.hotplugEnvironment(device.script(), true));
            }
        } catch (HotplugException e) {
            String error = store.read(id.backendPath() + "/hotplug-error").map(text -> " (" + text + ")").orElse("");
            throw new HotplugException(id.describe() + ": " + e.getMessage() + error);
        }
    }

    /**
     * Detaches the devices all at once, as libxl's devices_destroy does (every removal starts together and the destroy
     * goes on when the last has finished): their waits for Closed and their scripts overlap.
     *
     * @param runScript whether a device's hotplug script ran for it
     * @return the devices whose detach failed (xenstore failures only, see {@link #detach}), each with its first
     *         failure; every device was detached as far as it could be
     */
    public Map<DeviceId, RuntimeException> detachAll(List<DeviceId> devices, Predicate<DeviceId> runScript) {
        Map<DeviceId, RuntimeException> failed = new LinkedHashMap<>();
        if (devices.isEmpty()) {
            return failed;
        }
        ExecutorService pool = Executors.newFixedThreadPool(devices.size());
        try {
            Map<DeviceId, Future<?>> detaching = new LinkedHashMap<>();
            for (DeviceId id : devices) {
                detaching.put(id, pool.submit(() -> detach(id, runScript.test(id))));
            }
            detaching.forEach((id, detached) -> awaitDetached(detached).ifPresent(e -> failed.put(id, e)));
        } finally {
            pool.shutdown();
        }
        return failed;
    }

    private static Optional<RuntimeException> awaitDetached(Future<?> detached) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    detached.get();
                    return Optional.empty();
                } catch (InterruptedException e) {
                    // The devices are half-detached: finish, then let the caller see the interrupt.
                    interrupted = true;
                } catch (ExecutionException e) {
                    return Optional.of(e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause()));
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Disconnects the device, runs its script's detach action and removes its nodes, each as far as it can: a
     * xenstore failure in one of these does not stop the next (a destroy goes on regardless, as libxl's forced remove
     * does). What the device's driver or script do never fails it.
     *
     * @param runScript whether its hotplug script ran for it (an attach that never started has nothing to undo)
     * @throws RuntimeException the first xenstore failure (later ones suppressed in it), once everything was tried
     */
    private void detach(DeviceId id, boolean runScript) {
        List<RuntimeException> failures = new ArrayList<>();
        tryTo(failures, () -> disconnect(id));
        if (runScript) {
            tryTo(failures, () -> runDetachScripts(id));
        }
        for (String tree : List.of(id.backendPath(), id.frontendPath(), id.libxlPath())) {
            tryTo(failures, () -> XsTrees.removeIfPresent(store, tree));
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    private static void tryTo(List<RuntimeException> failures, Runnable stage) {
        try {
            stage.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    /** Removes the frontend, sets the backend offline and Closing, and waits for the driver to report Closed. */
    private void disconnect(DeviceId id) {
        String back = id.backendPath();
        Optional<String> state = store.read(back + "/state");
        if (state.isEmpty()) {
            return;
        }
        store.transactionally(tx -> {
            XsTrees.removeIfPresent(tx, id.frontendPath());
            tx.write(back + "/online", "0");
            if (!state.get().equals(Integer.toString(CLOSED))) {
                tx.write(back + "/state", Integer.toString(CLOSING));
            }
            return null;
        });
        if (await(back + "/state", s -> s == CLOSED)) {
            LOG.debug("{}: the backend closed", id.describe());
        } else {
            LOG.warn("{}: the backend did not close within {} s; removing it anyway", id.describe(), stateTimeout.toSeconds());
        }
    }

    /** The backend's script with its detach action, then for a vif with an emulated twin once more for QEMU's tap. */
    private void runDetachScripts(DeviceId id) {
        String back = id.backendPath();
        Optional<String> script = store.read(back + "/script");
        if (script.isEmpty()) {
            return;
        }
        boolean twin = store.read(back + "/type").map(PvDevice.EMULATED_NIC::equals).orElse(false);
        runDetachScript(id, script.get(), arguments(id, id.kind().detachAction()), twin);
        if (twin) {
            runDetachScript(id, script.get(), List.of(TAP_DETACH, TAP), true);
        }
    }

    /** A detach goes on whatever the script says, as libxl's remove does; the script's complaint is logged. */
    private void runDetachScript(DeviceId id, String script, List<String> arguments, boolean twin) {
        try {
            scripts.run(script, arguments, id.hotplugEnvironment(script, twin));
        } catch (HotplugException e) {
            LOG.warn("{}: {}", id.describe(), e.getMessage());
        }
    }

    /** libxl: "add"/"remove" for block; "online"/"offline" plus "type_if=vif" for vif-bridge. */
    private static List<String> arguments(DeviceId id, String action) {
        return id.kind() == DeviceKind.VIF ? List.of(action, "type_if=vif") : List.of(action);
    }

    /** Waits until the node holds a state the test accepts (a missing node counts as Closed). */
    private boolean await(String statePath, IntPredicate wanted) {
        try (XenStoreWatch watch = store.watch(statePath)) {
            return watch.awaitUntil(() -> wanted.test(store.read(statePath).map(DeviceBackends::parse).orElse(CLOSED)),
                    stateTimeout, POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int parse(String state) {
        try {
            return Integer.parseInt(state.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String driver(DeviceId id) {
        return id.kind() == DeviceKind.VBD ? "xen-blkback" : "xen-netback";
    }
}

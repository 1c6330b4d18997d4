package io.xzone.boot.launch;

import io.xzone.boot.backend.GuestType;
import io.xzone.boot.device.DeviceBackends;
import io.xzone.boot.device.FakeBackendDrivers;
import io.xzone.boot.device.HotplugException;
import io.xzone.boot.device.HotplugScripts;
import io.xzone.boot.device.RecordingHotplug;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.xen.Hypervisor;
import io.xzone.xen.XenException;
import io.xzone.xen.XenStore;
import io.xzone.xen.XenStoreTransaction;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A zone launcher whose hypervisor, xenstore (transactions included), device models (a {@link RecordingDeviceModels}
 * on the same xenstore) and hotplug scripts (recorded, with fake blkback/netback on the xenstore) are reached through a tap that records every call with the build step it was made in, and
 * fails one chosen call. The fault points come from a recorded clean launch ({@link #faultPoints}), so a new step or
 * a new call in the launch code is injected into without editing any list. Dom0 counts as PV, as in the lab.
 */
public final class LaunchTap {
    /** The reason every injected failure gives, so a test can tell it from a real one. */
    public static final String INJECTED = "injected by LaunchTap";
    private static final int EIO = 5;

    /** A call during a step: "xen.createDomain", "xenstore.write", "transaction.commit", "deviceModels.start". */
    private record Call(BuildStep step, String name) {
    }

    private final ZoneLauncher launcher;
    private final RecordingDeviceModels deviceModels;
    private final DeviceBackends backends;
    private final List<Call> calls = new ArrayList<>();
    private final Map<Call, Integer> counts = new HashMap<>();
    private BuildStep step;
    private FaultPoint armed;

    public LaunchTap(Hypervisor xen, XenStore store) {
        // dom0's blkback and netback react to what the launch writes; its hotplug scripts are recorded, not run.
        XenStore tappedStore = tap(XenStore.class, "xenstore", new FakeBackendDrivers(store).toolstackView(), LaunchTap::xenFailure);
        this.deviceModels = new RecordingDeviceModels(tappedStore);
        this.backends = new DeviceBackends(tappedStore, tap(HotplugScripts.class, "hotplug", new RecordingHotplug(store),
                name -> new HotplugException(name + " failed: " + INJECTED)), Duration.ofSeconds(5));
        this.launcher = new ZoneLauncher(tap(Hypervisor.class, "xen", xen, LaunchTap::xenFailure), tappedStore,
                Optional.of(GuestType.PV), tap(DeviceModelLauncher.class, "deviceModels", deviceModels,
                        name -> new LaunchStepException(name + " failed: " + INJECTED)), backends);
    }

    /** The device backends the launches use (fake kernel drivers, recorded scripts), e.g. for destroying a zone. */
    public DeviceBackends deviceBackends() {
        return backends;
    }

    /** Makes the launches from now on fail at {@code point}, once per launch. */
    public void arm(FaultPoint point) {
        this.armed = point;
    }

    /** Launches through the tap; the calls it makes replace those of the previous launch. */
    public LaunchedZone launch(ZoneSpec spec) {
        calls.clear();
        counts.clear();
        try {
            return launcher.launch(spec, started -> step = started);
        } finally {
            step = null;
        }
    }

    /**
     * Where the last launch can fail: the first and the last call of each kind in each step (the first fails with
     * nothing of the step done yet, the last with all the rest of it done; the calls between take the same path).
     * Calls before the first step (choosing the backend) build nothing and are no build step's.
     */
    public List<FaultPoint> faultPoints(String backend) {
        Map<Call, Integer> totals = new LinkedHashMap<>();
        calls.forEach(call -> totals.merge(call, 1, Integer::sum));
        List<FaultPoint> points = new ArrayList<>();
        totals.forEach((call, total) -> {
            points.add(new FaultPoint(backend, call.step(), call.name(), 1));
            if (total > 1) {
                points.add(new FaultPoint(backend, call.step(), call.name(), total));
            }
        });
        return points;
    }

    /** "start web", "stop web": what the device models of the launches did. */
    public List<String> deviceModelEvents() {
        return deviceModels.events();
    }

    private <T> T tap(Class<T> type, String prefix, T target, Function<String, RuntimeException> failure) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault()) {
                // A composite such as transactionally runs against the tap, so the calls it makes are tapped too.
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (isBuildCall(method)) {
                enter(prefix + "." + method.getName(), failure);
            }
            Object result = invoke(method, target, args);
            return result instanceof XenStoreTransaction transaction
                    ? tap(XenStoreTransaction.class, "transaction", transaction, failure) : result;
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** Object's methods and close (the undo's own cleanup, e.g. a transaction's abort) are not build calls. */
    private static boolean isBuildCall(Method method) {
        return method.getDeclaringClass() != Object.class && !method.getName().equals("close");
    }

    private void enter(String name, Function<String, RuntimeException> failure) {
        if (step == null) {
            return;
        }
        Call call = new Call(step, name);
        calls.add(call);
        int occurrence = counts.merge(call, 1, Integer::sum);
        if (armed != null && armed.step() == step && armed.call().equals(name) && armed.occurrence() == occurrence) {
            throw failure.apply(name);
        }
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static XenException xenFailure(String name) {
        return new XenException(name, EIO, INJECTED);
    }
}

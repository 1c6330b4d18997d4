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
 * A zone launcher whose hypervisor, xenstore (transactions included), device models (the device models they start
 * included) and hotplug scripts (recorded, with fake blkback/netback on the xenstore; dom0 has the bridge xenbr0) are reached through a tap that
 * records every call with the build step it was made in, and fails one
 * chosen call. The fault points come from a recorded clean launch ({@link #faultPoints}), so a new step or
 * a new call in the launch code is injected into without editing any list. Dom0 counts as PV, as in the lab.
 */
public final class LaunchTap {
    /** The reason every injected failure gives, so a test can tell it from a real one. */
    public static final String INJECTED = "injected by LaunchTap";
    private static final int EIO = 5;

    /**
     * A call during a step: "xen.createDomain", "xenstore.write", "transaction.commit", "deviceModels.start";
     * {@code returnsNothing} for calls that only act (void), which may fail after acting.
     */
    private record Call(BuildStep step, String name, boolean returnsNothing) {
    }

    private final ZoneLauncher launcher;
    private final DeviceBackends backends;
    /** Guarded by this tap: an undo detaches a zone's devices on threads of their own, all tapped. */
    private final List<Call> calls = new ArrayList<>();
    private final Map<Call, Integer> counts = new HashMap<>();
    private volatile BuildStep step;
    private volatile FaultPoint armed;

    /** With {@link RecordingDeviceModels} for HVM zones. */
    public LaunchTap(Hypervisor xen, XenStore store) {
        this(xen, store, RecordingDeviceModels::new);
    }

    /** @param deviceModels the HVM device model launcher, made on the tapped xenstore */
    public LaunchTap(Hypervisor xen, XenStore store, Function<XenStore, DeviceModelLauncher> deviceModels) {
        // dom0's blkback and netback react to what the launch writes; its hotplug scripts are recorded, not run.
        XenStore tappedStore = tap(XenStore.class, "xenstore", new FakeBackendDrivers(store).toolstackView(), LaunchTap::xenFailure);
        this.backends = new DeviceBackends(tappedStore, tap(HotplugScripts.class, "hotplug", new RecordingHotplug(store),
                name -> new HotplugException(name + " failed: " + INJECTED)), Duration.ofSeconds(5), "xenbr0"::equals);
        this.launcher = new ZoneLauncher(tap(Hypervisor.class, "xen", xen, LaunchTap::xenFailure), tappedStore,
                Optional.of(GuestType.PV), tap(DeviceModelLauncher.class, "deviceModels", deviceModels.apply(tappedStore),
                        LaunchTap::stepFailure), backends);
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
        synchronized (this) {
            calls.clear();
            counts.clear();
        }
        try {
            return launcher.launch(spec, started -> step = started);
        } finally {
            step = null;
        }
    }

    /**
     * Where the last launch can fail: the first call of each kind in each step (nothing of the kind done yet), and
     * for calls that only act (void: writes, permissions, limits, introduce, unpause) also the last one, failing
     * without acting and after acting (all the rest of the step done; the calls between take the same path; acted,
     * the undo must take back what the launch was told had failed). Calls that return something are not failed
     * again at their last occurrence: some repeat a varying number of times (the device model's wait for "running"
     * reads until QEMU is up). Calls before the first step (choosing the backend) belong to no build step.
     */
    public synchronized List<FaultPoint> faultPoints(String backend) {
        Map<Call, Integer> totals = new LinkedHashMap<>();
        calls.forEach(call -> totals.merge(call, 1, Integer::sum));
        List<FaultPoint> points = new ArrayList<>();
        totals.forEach((call, total) -> {
            points.add(new FaultPoint(backend, call.step(), call.name(), 1, false));
            if (call.returnsNothing()) {
                if (total > 1) {
                    points.add(new FaultPoint(backend, call.step(), call.name(), total, false));
                }
                points.add(new FaultPoint(backend, call.step(), call.name(), total, true));
            }
        });
        return points;
    }

    /** How often the last launch made the call named {@code name} (undo included), e.g. "deviceModel.stop". */
    public synchronized long calls(String name) {
        return calls.stream().filter(call -> call.name().equals(name)).count();
    }

    private <T> T tap(Class<T> type, String prefix, T target, Function<String, RuntimeException> failure) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault()) {
                // A composite such as transactionally runs against the tap, so the calls it makes are tapped too.
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            String name = prefix + "." + method.getName();
            Optional<FaultPoint> due = isBuildCall(method) ? enter(name, method.getReturnType() == void.class) : Optional.empty();
            if (due.isPresent() && !due.get().acted()) {
                throw failure.apply(name);
            }
            Object result = invoke(method, target, args);
            if (due.isPresent()) {
                throw failure.apply(name);
            }
            if (result instanceof XenStoreTransaction transaction) {
                return tap(XenStoreTransaction.class, "transaction", transaction, failure);
            }
            return result instanceof DeviceModel started ? tap(DeviceModel.class, "deviceModel", started, failure) : result;
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** Object's methods and close (the undo's own cleanup, e.g. a transaction's abort) are not build calls. */
    private static boolean isBuildCall(Method method) {
        return method.getDeclaringClass() != Object.class && !method.getName().equals("close");
    }

    /** Records the call; the armed fault point when this call is it. */
    private synchronized Optional<FaultPoint> enter(String name, boolean returnsNothing) {
        BuildStep step = this.step;
        if (step == null) {
            return Optional.empty();
        }
        Call call = new Call(step, name, returnsNothing);
        calls.add(call);
        int occurrence = counts.merge(call, 1, Integer::sum);
        boolean due = armed != null && armed.step() == step && armed.call().equals(name) && armed.occurrence() == occurrence;
        return due ? Optional.of(armed) : Optional.empty();
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

    private static LaunchStepException stepFailure(String name) {
        return new LaunchStepException(name + " failed: " + INJECTED);
    }
}

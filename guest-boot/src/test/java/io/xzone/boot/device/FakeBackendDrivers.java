package io.xzone.boot.device;

import io.xzone.boot.layout.XsTrees;
import io.xzone.xen.XenStore;
import io.xzone.xen.XenStoreTransaction;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for dom0's blkback and netback in tests, on a fake or a real xenstored: after each call the toolstack
 * makes through {@link #toolstackView}, it moves each vbd/vif backend as the Linux drivers do: a new one
 * (Initialising) to InitWait; one the toolstack set offline and Closing to Closed; and when the frontend vanishes
 * (its state node gone), Closed if the toolstack had set the backend Closing by then (xenbus_dev_remove), else netback
 * still reports Closed but blkback drops the device where it stands and never reports Closed ({@link #unclosed}).
 * Synchronous and one call at a time, so tests stay deterministic. {@link #ignoreNew} makes it leave new backends
 * alone, like a dom0 without the driver.
 */
public final class FakeBackendDrivers {
    private static final String BACKENDS = "/local/domain/0/backend/";
    private final XenStore kernel;
    /** Backends blkback let go of and no longer watches, until the toolstack removes them. */
    private final Set<String> dropped = ConcurrentHashMap.newKeySet();
    private final List<String> unclosed = new CopyOnWriteArrayList<>();
    private volatile boolean ignoreNew;

    /** @param store the xenstore the drivers write to directly */
    public FakeBackendDrivers(XenStore store) {
        this.kernel = store;
    }

    public void ignoreNew() {
        ignoreNew = true;
    }

    /** The backends blkback dropped without reporting Closed: a toolstack waiting for their Closed waits in vain. */
    public List<String> unclosed() {
        return List.copyOf(unclosed);
    }

    /** The same xenstore, with the drivers reacting after every call (transactions: after each of their calls). */
    public XenStore toolstackView() {
        return reacting(XenStore.class, kernel);
    }

    private <T> T reacting(Class<T> type, T target) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            Object result;
            // One call and the drivers' reaction at a time: an undo detaches devices on threads of their own, and a
            // reaction that read a backend's state before another thread's commit and its frontend after it would
            // see the frontend vanish without the Closing committed with it.
            synchronized (this) {
                try {
                    result = method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                if (!method.getName().equals("close")) {
                    react();
                }
            }
            return result instanceof XenStoreTransaction tx ? reacting(XenStoreTransaction.class, tx) : result;
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private void react() {
        dropped.removeIf(device -> kernel.read(device + "/state").isEmpty());
        for (DeviceKind kind : DeviceKind.values()) {
            String base = BACKENDS + kind.xsName();
            for (String domid : XsTrees.children(kernel, base)) {
                for (String devid : XsTrees.children(kernel, base + "/" + domid)) {
                    String device = base + "/" + domid + "/" + devid;
                    if (!dropped.contains(device)) {
                        react(kind, device);
                    }
                }
            }
        }
    }

    private void react(DeviceKind kind, String device) {
        Optional<String> state = kernel.read(device + "/state");
        boolean closing = state.equals(Optional.of("5"));
        boolean frontendGone = kernel.read(device + "/frontend").flatMap(front -> kernel.read(front + "/state")).isEmpty();
        if (state.equals(Optional.of("1")) && !ignoreNew) {
            kernel.write(device + "/state", "2");
        } else if (state.isEmpty() || state.equals(Optional.of("1")) || state.equals(Optional.of("6"))) {
            return;
        } else if (frontendGone && !closing && kind == DeviceKind.VBD) {
            dropped.add(device);
            unclosed.add(device);
        } else if (frontendGone || closing && kernel.read(device + "/online").equals(Optional.of("0"))) {
            kernel.write(device + "/state", "6");
        }
    }
}

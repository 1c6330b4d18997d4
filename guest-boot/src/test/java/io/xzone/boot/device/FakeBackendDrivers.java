package io.xzone.boot.device;

import io.xzone.boot.layout.XsTrees;
import io.xzone.xen.XenStore;
import io.xzone.xen.XenStoreTransaction;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Optional;

/**
 * Stands in for dom0's blkback and netback in tests, on a fake or a real xenstored: after each call the toolstack
 * makes through {@link #toolstackView}, it moves each vbd/vif backend as the kernel drivers do: a new one
 * (Initialising) to InitWait, one the toolstack set offline and Closing to Closed. Synchronous, so tests stay
 * deterministic. {@link #ignoreNew} makes it leave new backends alone, like a dom0 without the driver.
 */
public final class FakeBackendDrivers {
    private static final String BACKENDS = "/local/domain/0/backend/";
    private final XenStore kernel;
    private volatile boolean ignoreNew;

    /** @param store the xenstore the drivers write to directly */
    public FakeBackendDrivers(XenStore store) {
        this.kernel = store;
    }

    public void ignoreNew() {
        ignoreNew = true;
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
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (!method.getName().equals("close")) {
                react();
            }
            return result instanceof XenStoreTransaction tx ? reacting(XenStoreTransaction.class, tx) : result;
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private void react() {
        for (DeviceKind kind : DeviceKind.values()) {
            String base = BACKENDS + kind.xsName();
            for (String domid : XsTrees.children(kernel, base)) {
                for (String devid : XsTrees.children(kernel, base + "/" + domid)) {
                    String device = base + "/" + domid + "/" + devid;
                    Optional<String> state = kernel.read(device + "/state");
                    if (state.equals(Optional.of("1")) && !ignoreNew) {
                        kernel.write(device + "/state", "2");
                    } else if (state.equals(Optional.of("5")) && kernel.read(device + "/online").equals(Optional.of("0"))) {
                        kernel.write(device + "/state", "6");
                    }
                }
            }
        }
    }
}

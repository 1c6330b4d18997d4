package io.xzone.boot.device;

import io.xzone.xen.XenStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hotplug scripts for tests: records each run as "SCRIPT ARGS (XENBUS_PATH, vif, INTERFACE)" (those present) and does in xenstore what the real
 * scripts report (hotplug-status connected); {@link #failOn} makes the runs of one action fail as a script that exits 1.
 */
public final class RecordingHotplug implements HotplugScripts {
    private final XenStore store;
    private final List<String> runs = new ArrayList<>();
    private String failingAction;

    public RecordingHotplug(XenStore store) {
        this.store = store;
    }

    public void failOn(String action) {
        failingAction = action;
    }

    public synchronized List<String> runs() {
        return List.copyOf(runs);
    }

    @Override
    public synchronized void run(String script, List<String> arguments, Map<String, String> environment) {
        String xenbusPath = environment.get("XENBUS_PATH");
        runs.add(script.substring(script.lastIndexOf('/') + 1) + " " + String.join(" ", arguments) + " (" + xenbusPath
                + (environment.containsKey("vif") ? ", " + environment.get("vif") : "")
                + (environment.containsKey("INTERFACE") ? ", " + environment.get("INTERFACE") : "") + ")");
        if (arguments.get(0).equals(failingAction)) {
            store.write("/local/domain/0/" + xenbusPath + "/hotplug-error", "injected failure");
            throw new HotplugException(script + " " + arguments.get(0) + " exited with status 1");
        }
        if (arguments.get(0).equals("add") || arguments.get(0).equals("online")) {
            store.write("/local/domain/0/" + xenbusPath + "/hotplug-status", "connected");
        }
    }
}

package io.xzone.boot.device;

import java.util.List;
import java.util.Map;

/** Runs a device's hotplug script the way libxl does: the script, its action, extra arguments, libxl's environment. */
public interface HotplugScripts {
    /**
     * Runs the script and waits for it.
     *
     * @throws HotplugException when it cannot start, exits non-zero or runs past its time
     */
    void run(String script, List<String> arguments, Map<String, String> environment);
}

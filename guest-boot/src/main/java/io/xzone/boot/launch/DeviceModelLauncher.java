package io.xzone.boot.launch;

import io.xzone.boot.layout.ZoneLayout;
import io.xzone.boot.spec.ZoneSpec;
import java.util.List;

/** Starts the device model of an HVM zone once its domain is built and introduced. */
public interface DeviceModelLauncher {
    /** The command line the device model runs with, for the plan and the log. */
    List<String> commandLine(ZoneSpec spec, int domid);

    /**
     * Starts it, waits until it reports ready and publishes what operators need (pid, serial pty) in xenstore.
     *
     * @throws LaunchStepException when it does not start or does not become ready in time
     */
    DeviceModel start(ZoneSpec spec, ZoneLayout layout);
}

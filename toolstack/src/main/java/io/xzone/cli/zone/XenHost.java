package io.xzone.cli.zone;

import io.xzone.boot.backend.GuestType;
import io.xzone.boot.launch.DeviceModelLauncher;
import io.xzone.boot.launch.ZoneLauncher;
import io.xzone.boot.lifecycle.ZoneControl;
import io.xzone.boot.lifecycle.ZoneInventory;
import io.xzone.xen.Hypervisor;
import io.xzone.xen.XenStore;
import java.util.Optional;

/**
 * An open connection to this host's Xen: the hypervisor, xenstore, dom0's own type and how HVM device models start.
 * Closing it runs {@code release}, which closes what the environment opened for it.
 */
public record XenHost(Hypervisor xen, XenStore store, Optional<GuestType> dom0, DeviceModelLauncher deviceModels,
                      Runnable release) implements AutoCloseable {

    public ZoneLauncher launcher() {
        return new ZoneLauncher(xen, store, dom0, deviceModels);
    }

    public ZoneInventory inventory() {
        return new ZoneInventory(xen, store);
    }

    public ZoneControl control() {
        return new ZoneControl(xen, store);
    }

    @Override
    public void close() {
        release.run();
    }
}

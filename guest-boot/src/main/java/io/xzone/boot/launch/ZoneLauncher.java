package io.xzone.boot.launch;

import io.xzone.boot.backend.BackendChoice;
import io.xzone.boot.backend.BackendResolver;
import io.xzone.boot.backend.GuestType;
import io.xzone.boot.device.DeviceBackends;
import io.xzone.boot.kernel.ElfNotes;
import io.xzone.boot.kernel.KernelCapabilities;
import io.xzone.boot.spec.VirtBackend;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.xen.Hypervisor;
import io.xzone.xen.XenStore;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Launches zones: resolves the requested backend against this host and the kernel's ELF notes (before any hypercall
 * that changes anything), picks the boot strategy, and plans or runs it.
 */
public final class ZoneLauncher {
    private final Hypervisor xen;
    private final XenStore store;
    private final Optional<GuestType> dom0;
    private final DeviceModelLauncher deviceModels;
    private final DeviceBackends backends;

    /** A launcher whose disks and vifs go to this dom0's kernel backends, with Xen's hotplug scripts. */
    public ZoneLauncher(Hypervisor xen, XenStore store, Optional<GuestType> dom0, DeviceModelLauncher deviceModels) {
        this(xen, store, dom0, deviceModels, DeviceBackends.standard(store));
    }

    public ZoneLauncher(Hypervisor xen, XenStore store, Optional<GuestType> dom0, DeviceModelLauncher deviceModels,
                        DeviceBackends backends) {
        this.xen = xen;
        this.store = store;
        this.dom0 = dom0;
        this.deviceModels = deviceModels;
        this.backends = backends;
    }

    /**
     * The backend the zone will run with, and why.
     *
     * @throws io.xzone.boot.backend.BackendUnavailableException when the host or the kernel cannot run it
     * @throws io.xzone.boot.kernel.KernelImageException when the kernel cannot be read as ELF
     */
    public BackendChoice choose(ZoneSpec spec) {
        Optional<KernelCapabilities> kernel = spec.backend() == VirtBackend.HVM ? Optional.empty()
                : spec.kernel().map(ElfNotes::inspect);
        return new BackendResolver(dom0, xen.physinfo(), kernel).resolve(spec.backend());
    }

    public BootStrategy strategy(BackendChoice choice) {
        return switch (choice.type()) {
            case PV -> new PvBoot(xen, store, backends);
            case PVH -> new PvhBoot(xen, store, backends, choice.hap());
            case HVM -> new HvmBoot(xen, store, backends, choice.hap(), deviceModels);
        };
    }

    /** What {@link #launch} would do, touching nothing. */
    public LaunchPlan plan(ZoneSpec spec) {
        BackendChoice choice = choose(spec);
        BootStrategy strategy = strategy(choice);
        strategy.refuseUnattachableDevices(spec);
        return LaunchPlan.of(spec, choice, strategy.plan(spec));
    }

    /** Builds and starts the zone, all or nothing. */
    public LaunchedZone launch(ZoneSpec spec) {
        return strategy(choose(spec)).launch(spec);
    }

    /** As {@link #launch(ZoneSpec)}, telling {@code onStep} as each build step begins. */
    public LaunchedZone launch(ZoneSpec spec, Consumer<BuildStep> onStep) {
        return strategy(choose(spec)).launch(spec, onStep);
    }
}

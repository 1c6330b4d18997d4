package io.xzone.boot.launch;

import io.xzone.boot.backend.GuestType;
import io.xzone.boot.device.DeviceBackends;
import io.xzone.boot.device.HotplugException;
import io.xzone.boot.device.PvDevice;
import io.xzone.boot.device.PvDevices;
import io.xzone.boot.layout.Rings;
import io.xzone.boot.layout.XsNode;
import io.xzone.boot.layout.ZoneLayout;
import io.xzone.boot.spec.NetworkSpec;
import io.xzone.boot.spec.SpecException;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.xen.BuiltImage;
import io.xzone.xen.DomainConfig;
import io.xzone.xen.Hypervisor;
import io.xzone.xen.ImageSpec;
import io.xzone.xen.XenException;
import io.xzone.xen.XenStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one kind of guest is built: PV, PVH and HVM each fill in the steps that differ, and {@link #launch} fixes their
 * order (create -> limits -> event channels -> image -> xenstore -> introduce -> device model -> devices -> unpause), the way
 * libxl 4.17 orders them. A failure at any step undoes everything done so far and names the step.
 */
public abstract class BootStrategy {
    /** The domain that runs xenstored, xenconsoled and QEMU. */
    protected static final int DOM0 = 0;
    /** libxl's LIBXL_MAXMEM_CONSTANT: KiB Xen may give a domain beyond its target. */
    protected static final long MAXMEM_SLACK_KIB = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(BootStrategy.class);

    protected final Hypervisor xen;
    protected final XenStore store;
    private final DeviceBackends backends;

    protected BootStrategy(Hypervisor xen, XenStore store, DeviceBackends backends) {
        this.xen = xen;
        this.store = store;
        this.backends = backends;
    }

    /** What this strategy builds. */
    public abstract GuestType type();

    /** The build steps as --dry-run lists them: what each step does for this type of guest. */
    public abstract List<String> plan(ZoneSpec spec);

    /** xc_domain_create's configuration. */
    protected abstract DomainConfig domainConfig(ZoneSpec spec);

    /** Limits and per-type settings after create: vCPUs, memory, affinity, TSC, HVM params, memory map. */
    protected abstract void setLimits(ZoneSpec spec, int domid);

    /** What xc_dom_* loads for this type (kernel or hvmloader, container, layout). */
    protected abstract ImageSpec imageSpec(ZoneSpec spec, int domid, int storePort, int consolePort);

    /** Console nodes for xenconsoled; HVM zones get their console from the device model instead. */
    protected List<XsNode> consoleNodes(ZoneLayout layout, Rings rings) {
        return layout.console(rings);
    }

    /** Starts what emulates the guest's devices; nothing for PV and PVH. */
    protected DeviceModel startDeviceModel(ZoneSpec spec, ZoneLayout layout) {
        return null;
    }

    /**
     * The disks and vifs served by dom0's kernel backends (blkback, netback), as libxl attaches them: all of a PV or
     * PVH guest's, an HVM guest's vifs (its disks are QEMU's).
     */
    protected List<PvDevice> pvDevices(ZoneSpec spec, int domid) {
        return PvDevices.of(spec, type(), domid);
    }

    /** The devices step as --dry-run lists it. */
    protected String devicesPlan(ZoneSpec spec) {
        List<PvDevice> devices = pvDevices(spec, LaunchPlan.PLANNED_DOMID);
        if (devices.isEmpty()) {
            return "devices: none";
        }
        return "devices: for each, wait for the backend's InitWait, then its hotplug script: " + String.join(", ",
                devices.stream().map(d -> d.id().kind().xsName() + " " + d.id().devid() + " (" + d.script() + " "
                        + d.id().kind().attachAction() + (d.hasEmulatedTwin() ? ", then add type_if=tap for QEMU's "
                        + d.id().tapName() : "") + ")").toList()).replace(Integer.toString(LaunchPlan.PLANNED_DOMID), "D");
    }

    /**
     * Refuses a spec with a device this type of guest cannot get, before anything is created: a zone that came up
     * without a device its spec names would be a silent loss.
     *
     * @throws UnsupportedDeviceException naming the spec line of a paravirtual disk libxl cannot number
     * @throws SpecException naming the spec line of a vif whose bridge dom0 does not have
     */
    public final void refuseUnattachableDevices(ZoneSpec spec) {
        if (type() != GuestType.HVM) {
            PvDevices.unnumbered(spec).ifPresent(disk -> {
                throw new UnsupportedDeviceException(disk.origin(), "disk.target", disk.target()
                        + " has no paravirtual device number (libxl numbers hda-hdd, sda-sdp and xvd*); use xvda, xvdb, ...");
            });
        }
        for (NetworkSpec vif : spec.networks()) {
            if (!backends.hasBridge(vif.bridge())) {
                throw new SpecException(vif.origin(), "network.bridge", "dom0 has no bridge " + vif.bridge()
                        + " (create it, e.g. ip link add " + vif.bridge() + " type bridge; ip link set " + vif.bridge() + " up)");
            }
        }
    }

    /** The template method: builds and starts the zone, or undoes everything and throws {@link LaunchException}. */
    public final LaunchedZone launch(ZoneSpec spec) {
        return launch(spec, step -> { });
    }

    /**
     * As {@link #launch(ZoneSpec)}, telling {@code onStep} as each step begins, so a caller can follow the build
     * (progress, or a fault-injection test that fails the calls of a chosen step).
     */
    public final LaunchedZone launch(ZoneSpec spec, Consumer<BuildStep> onStep) {
        refuseUnattachableDevices(spec);
        HalfBuiltZone partial = new HalfBuiltZone(xen, store, backends);
        Build build = new Build();
        try {
            run(onStep, BuildStep.CREATE, spec, () -> {
                int domid = xen.createDomain(domainConfig(spec));
                build.layout = new ZoneLayout(spec, type(), domid);
                build.domid = domid;
                build.devices = pvDevices(spec, domid);
                partial.created(domid, build.layout);
            });
            run(onStep, BuildStep.LIMITS, spec, () -> setLimits(spec, build.domid));
            run(onStep, BuildStep.EVENT_CHANNELS, spec, () -> {
                build.storePort = xen.allocUnboundEvtchn(build.domid, DOM0);
                build.consolePort = xen.allocUnboundEvtchn(build.domid, DOM0);
            });
            run(onStep, BuildStep.IMAGE, spec, () -> build.image = xen.buildImage(imageSpec(spec, build.domid, build.storePort,
                    build.consolePort)));
            run(onStep, BuildStep.XENSTORE, spec, () -> {
                writeXenstore(build);
                partial.devicesWritten(build.devices);
            });
            run(onStep, BuildStep.INTRODUCE, spec, () -> {
                partial.introducing();
                store.introduceDomain(build.domid, build.image.storeMfn(), build.storePort);
            });
            // The device model first, as libxl attaches nics once it runs: an HVM vif's hotplug script puts QEMU's tap
            // on the bridge too.
            run(onStep, BuildStep.DEVICE_MODEL, spec, () -> partial.deviceModel(startDeviceModel(spec, build.layout)));
            run(onStep, BuildStep.DEVICES, spec, () -> {
                for (PvDevice device : build.devices) {
                    backends.awaitBackend(device);
                    partial.hotplugStarted(device.id());
                    backends.runAttachScript(device);
                }
            });
            run(onStep, BuildStep.UNPAUSE, spec, () -> xen.unpause(build.domid));
        } catch (StepFailure failure) {
            List<String> leftovers = partial.undo();
            String cleanup = leftovers.isEmpty()
                    ? (partial.domid().isPresent() ? "the half-built domain was destroyed and its xenstore nodes removed"
                            : "nothing was created")
                    : "could not remove: " + String.join("; ", leftovers);
            throw new LaunchException(spec.name(), failure.step, failure.getMessage(), cleanup, failure.getCause());
        }
        LOG.info("zone {} runs as {} domain {}", spec.name(), type(), build.domid);
        return new LaunchedZone(spec.name(), build.domid, type());
    }

    /**
     * Skeleton, build results and console in one transaction, retried on conflict (libxl uses two plus the console's,
     * and first removes stale trees of the domid; a domid Xen just handed out has none, since every destroy removes them).
     */
    private void writeXenstore(Build build) {
        Rings rings = Rings.of(build.storePort, build.image.storeMfn(), build.consolePort, build.image.consoleMfn());
        List<XsNode> nodes = new ArrayList<>(build.layout.skeleton());
        nodes.addAll(build.layout.built(rings, startTime()));
        nodes.addAll(consoleNodes(build.layout, rings));
        build.devices.forEach(device -> nodes.addAll(device.nodes()));
        store.transactionally(tx -> {
            NodeWriter.write(tx, nodes);
            return null;
        });
    }

    /** Seconds since the epoch with two decimals, as libxl writes /vm/UUID/start_time. */
    private static String startTime() {
        Instant now = Instant.now();
        return now.getEpochSecond() + "." + String.format("%02d", now.getNano() / 10_000_000);
    }

    private static void run(Consumer<BuildStep> onStep, BuildStep step, ZoneSpec spec, Runnable work) {
        onStep.accept(step);
        LOG.debug("zone {}: step {}", spec.name(), step.label());
        try {
            work.run();
        } catch (XenException | LaunchStepException | HotplugException e) {
            throw new StepFailure(step, e.getMessage(), e);
        }
    }

    /** Per-launch state the steps hand on to each other. */
    private static final class Build {
        int domid;
        ZoneLayout layout;
        int storePort;
        int consolePort;
        BuiltImage image;
        List<PvDevice> devices = List.of();
    }

    /** Carries a step's failure out of the template to the undo. */
    private static final class StepFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient BuildStep step;

        StepFailure(BuildStep step, String message, Throwable cause) {
            super(message, cause);
            this.step = step;
        }
    }
}

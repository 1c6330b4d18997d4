package io.xzone.cli.daemon;

import io.xzone.cli.XenAccess;
import io.xzone.cli.zone.LocalZoneEnvironment;
import io.xzone.cli.zone.SupervisorClaim;
import io.xzone.cli.zone.XenHost;
import io.xzone.cli.zone.ZoneEnvironment;
import io.xzone.cli.zone.ZoneSupervision;
import io.xzone.xen.Hypervisor;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zone commands' machine inside the daemon: this dom0 as for a command run on its own, but each zone's supervisor
 * is a thread of the daemon (no JVM to start, and it ends with the daemon) rather than a background process. Either
 * kind holds the zone's {@link SupervisorClaim} while it supervises, so a zone never has two. Hypervisor handles are
 * kept open from one command to the next.
 */
final class ResidentZoneEnvironment implements ZoneEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger(ResidentZoneEnvironment.class);

    private final LocalZoneEnvironment host = new LocalZoneEnvironment();
    /**
     * Hypervisor handles kept open between commands: opening one is libxenctrl's and libxenguest's set-up plus the
     * binding's layout checks (a hypercall and an xc_dom_image probe), ~40-80 ms of a launch in the lab's dom0, and
     * nothing about them changes while the daemon runs. A command has one to itself (a handle's error capture is per
     * call); two cover a launch beside a supervisor's check.
     */
    private final Reusables<Hypervisor> hypervisors = new Reusables<>(2, () -> XenAccess.system().openHypervisor(),
            Hypervisor::close);

    @Override
    public XenHost open() {
        Hypervisor xen = hypervisors.take();
        return host.connect(xen, () -> hypervisors.giveBack(xen));
    }

    @Override
    public Path runDirectory() {
        return host.runDirectory();
    }

    /** Claims the zone's supervision at once (failing if another supervisor has it), then supervises it in a thread. */
    @Override
    public long startSupervisor(String zone, int domid, Path spec) {
        supervise(zone, domid, SupervisorClaim.claim(spec));
        return ProcessHandle.current().pid();
    }

    /** Supervises the zone in a thread of the daemon, which gives up the claim when the supervision ends. */
    void supervise(String zone, int domid, SupervisorClaim claim) {
        Thread supervisor = new Thread(() -> {
            try {
                LOG.info("{}", ZoneSupervision.run(this, claim, domid));
            } catch (RuntimeException e) {
                LOG.warn("the supervisor of zone {} stopped: {}", zone, e.getMessage());
            }
        }, "xzone-supervise-" + zone);
        supervisor.setDaemon(true);
        supervisor.start();
    }
}

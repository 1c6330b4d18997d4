package io.xzone.boot.lifecycle;

import io.xzone.boot.launch.LaunchedZone;
import io.xzone.boot.spec.LifecycleAction;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.xen.DomainFlag;
import io.xzone.xen.DomainInfo;
import io.xzone.xen.Hypervisor;
import io.xzone.xen.ShutdownReason;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a zone's on_poweroff / on_reboot / on_crash, as xl's per-domain daemon does: waits for the domain to
 * shut down (xenstored fires @releaseDomain), reads why from Xen, then destroys it, destroys and launches it again
 * under a new domid, or leaves it for inspection. Returns when the zone is gone for good or preserved.
 */
public final class ZoneSupervisor {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneSupervisor.class);
    /** How long one wait lasts before the supervisor looks again (it also wakes on every @releaseDomain). */
    private static final Duration POLL = Duration.ofMinutes(10);

    private final Hypervisor xen;
    private final ZoneControl control;
    private final Function<ZoneSpec, LaunchedZone> launcher;

    /** @param launcher launches the zone again for a restart */
    public ZoneSupervisor(Hypervisor xen, ZoneControl control, Function<ZoneSpec, LaunchedZone> launcher) {
        this.xen = xen;
        this.control = control;
        this.launcher = launcher;
    }

    /** What ended the supervision. */
    public enum Outcome { DESTROYED, GONE, PRESERVED }

    public Outcome supervise(ZoneSpec spec, int firstDomid) throws InterruptedException {
        int domid = firstDomid;
        while (true) {
            control.await(domid, ZoneControl::goneOrShutDown, POLL);
            Optional<DomainInfo> info = xen.domainInfo(domid);
            if (info.isEmpty() || info.get().has(DomainFlag.DYING)) {
                LOG.info("zone {} (domain {}) was destroyed from outside", spec.name(), domid);
                return Outcome.GONE;
            }
            if (!info.get().has(DomainFlag.SHUTDOWN)) {
                continue;
            }
            ShutdownReason reason = info.get().shutdownReason().orElse(ShutdownReason.CRASH);
            LifecycleAction action = actionFor(spec, reason);
            LOG.info("zone {} (domain {}) shut down ({}): {}", spec.name(), domid, reason, action.specName());
            switch (action) {
                case PRESERVE -> {
                    return Outcome.PRESERVED;
                }
                case DESTROY -> {
                    destroy(domid);
                    return Outcome.DESTROYED;
                }
                case RESTART -> {
                    destroy(domid);
                    domid = launcher.apply(spec).domid();
                    LOG.info("zone {} restarted as domain {}", spec.name(), domid);
                }
            }
        }
    }

    /** A destroyed domain's leftovers go to the log: they do not stop the supervision (nor a restart). */
    private void destroy(int domid) {
        try {
            control.destroy(domid);
        } catch (ZoneDestroyIncompleteException e) {
            if (!e.domainDestroyed()) {
                throw e;
            }
            LOG.warn("{}", e.getMessage());
        }
    }

    static LifecycleAction actionFor(ZoneSpec spec, ShutdownReason reason) {
        return switch (reason) {
            case POWEROFF -> spec.onPoweroff();
            case REBOOT, SOFT_RESET -> spec.onReboot();
            case CRASH, WATCHDOG -> spec.onCrash();
            // A suspended domain waits for a resume xzone does not do: keep it as it is.
            case SUSPEND -> LifecycleAction.PRESERVE;
        };
    }
}

package io.xzone.cli.zone;

import io.xzone.boot.lifecycle.ZoneNotFoundException;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.cli.CommandFailure;
import io.xzone.xen.DomainFlag;
import io.xzone.xen.DomainInfo;
import io.xzone.xen.XenException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over the supervision of zones nobody supervises any more, e.g. those of a daemon that stopped: every zone whose
 * spec `zone launch` saved in the run folder, that runs under that name with that spec's uuid (a same-named zone
 * launched otherwise is not the saved one), and whose {@link SupervisorClaim} no live supervisor holds. A zone that has
 * shut down meanwhile counts as running: its new supervisor carries out its on_poweroff/on_reboot/on_crash at once.
 */
public final class SupervisionAdoption {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisionAdoption.class);

    /** Starts supervising one zone whose claim the adoption holds; the supervisor owns the claim from then on. */
    @FunctionalInterface
    public interface Supervisors {
        void start(String zone, int domid, SupervisorClaim claim);
    }

    /** A zone whose supervision was taken over. */
    public record Adopted(String zone, int domid) {
    }

    private SupervisionAdoption() {
    }

    /**
     * Adopts every orphaned zone of {@code environment}'s run folder, one INFO line each, and returns them. Off Xen, or
     * with a run folder that cannot be read, nothing is adopted (a warning says why when there were specs).
     */
    public static List<Adopted> adoptOrphans(ZoneEnvironment environment, Supervisors supervisors) {
        List<Path> specs = savedSpecs(environment.runDirectory());
        if (specs.isEmpty()) {
            return List.of();
        }
        try (XenHost host = ZoneFailures.translate(environment::open)) {
            List<Adopted> adopted = new ArrayList<>();
            for (Path spec : specs) {
                try {
                    adopt(host, spec, supervisors).ifPresent(adopted::add);
                } catch (CommandFailure | XenException | UncheckedIOException e) {
                    LOG.warn("not adopting {}: {}", spec, e.getMessage());
                }
            }
            return adopted;
        } catch (CommandFailure e) {
            LOG.warn("no zone adopted: {}", e.getMessage());
            return List.of();
        }
    }

    private static Optional<Adopted> adopt(XenHost host, Path spec, Supervisors supervisors) {
        ZoneSpec zone = ZoneSupervision.read(spec);
        Optional<DomainInfo> domain = running(host, zone.name());
        if (domain.isEmpty()) {
            LOG.debug("zone {} does not run: nothing to supervise", zone.name());
            return Optional.empty();
        }
        int domid = domain.get().domid();
        if (!zone.uuid().equals(domain.get().handle())) {
            LOG.info("not adopting zone {}: domain {} of that name has uuid {}, not {} of {}", zone.name(), domid,
                    domain.get().handle(), zone.uuid(), spec);
            return Optional.empty();
        }
        Optional<SupervisorClaim> claim = SupervisorClaim.tryClaim(spec);
        if (claim.isEmpty()) {
            LOG.info("zone {} (domain {}) has its supervisor already (pid {})", zone.name(), domid, SupervisorClaim.holder(spec));
            return Optional.empty();
        }
        supervisors.start(zone.name(), domid, claim.get());
        LOG.info("zone {} (domain {}): adopted, supervised again from {}", zone.name(), domid, spec);
        return Optional.of(new Adopted(zone.name(), domid));
    }

    /** The named domain, unless it is gone or being destroyed. */
    private static Optional<DomainInfo> running(XenHost host, String name) {
        try {
            int domid = host.inventory().domidOf(name);
            return host.xen().domainInfo(domid).filter(info -> !info.has(DomainFlag.DYING));
        } catch (ZoneNotFoundException e) {
            return Optional.empty();
        }
    }

    private static List<Path> savedSpecs(Path run) {
        try {
            return SavedSpecs.all(run);
        } catch (IOException e) {
            LOG.warn("no zone adopted: cannot read {}: {}", run, e.getMessage());
            return List.of();
        }
    }
}

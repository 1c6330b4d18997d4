package io.xzone.cli.zone;

import io.xzone.boot.lifecycle.ZoneSupervisor;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.boot.spec.ZoneSpecFile;
import java.nio.file.Path;
import java.util.Set;

/**
 * One zone's supervision from the spec `zone launch` saved: the same work whether it runs as the background
 * {@code xzone zone supervise} process or as a thread of the resident daemon.
 */
public final class ZoneSupervision {
    private ZoneSupervision() {
    }

    /** How a zone's supervision ended. */
    public record Ended(String zone, ZoneSupervisor.Outcome outcome) {
        @Override
        public String toString() {
            return "zone " + zone + ": supervision ended, " + outcome.name().toLowerCase();
        }
    }

    /**
     * Supervises the zone until it is gone for good or preserved, then gives up the claim; failures as the zone
     * commands' CommandFailure.
     */
    public static Ended run(ZoneEnvironment environment, SupervisorClaim claim, int domid) {
        try (claim; XenHost host = ZoneFailures.translate(environment::open)) {
            ZoneSpec zone = read(claim.spec());
            ZoneSupervisor supervisor = new ZoneSupervisor(host.xen(), host.control(),
                    z -> ZoneFailures.translate(() -> host.launcher().launch(z)));
            return new Ended(zone.name(), Waiting.until(() -> supervisor.supervise(zone, domid)));
        }
    }

    /** The zone `zone launch` saved. */
    static ZoneSpec read(Path specFile) {
        // The zone itself runs under this name: no uniqueness check (its launch made it).
        return ZoneFailures.translate(() -> ZoneSpecFile.read(specFile).build(Set.of()));
    }
}

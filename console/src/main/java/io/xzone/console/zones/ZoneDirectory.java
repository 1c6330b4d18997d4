package io.xzone.console.zones;

import java.util.List;
import java.util.Optional;

/** The zones running on this host, with their kind. */
public interface ZoneDirectory {
    /** Running zones, ordered by domain id; dom0 is not one of them. */
    List<Zone> zones();

    /** The zone with this name, or with this domain id when {@code nameOrDomid} is a number. */
    default Optional<Zone> find(String nameOrDomid) {
        for (Zone zone : zones()) {
            if (zone.name().equals(nameOrDomid) || String.valueOf(zone.domid()).equals(nameOrDomid)) {
                return Optional.of(zone);
            }
        }
        return Optional.empty();
    }
}

package io.xzone.console.zones;

import io.xzone.console.ConsoleType;
import io.xzone.xen.XenException;
import io.xzone.xen.XenStore;
import io.xzone.xen.XenStoreWatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Zones and console ptys read from xenstore, the host's source of truth, laid out as libxl lays them out (so zones
 * started by xl show up too): /local/domain/N/name, /libxl/N/type, /local/domain/N/console/tty (xenconsoled),
 * /local/domain/N/serial/0/tty (QEMU) and /local/domain/0/device-model/N for a zone with a device model.
 */
public final class XenStoreZones implements ZoneDirectory, ConsoleLocator {
    /** The pty node's watch reports its writer; the recheck is only a backstop. */
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final XenStore store;

    public XenStoreZones(XenStore store) {
        this.store = store;
    }

    @Override
    public List<Zone> zones() {
        List<Zone> zones = new ArrayList<>();
        for (String entry : store.directory("/local/domain")) {
            if (!entry.matches("\\d+") || entry.equals("0")) {
                continue;
            }
            int domid = Integer.parseInt(entry);
            try {
                // A zone half-built or half-destroyed may lack its name: it is not a zone to offer yet.
                store.read("/local/domain/" + domid + "/name").ifPresent(name -> zones.add(new Zone(domid, name,
                        store.read("/libxl/" + domid + "/type").map(ZoneKind::ofLibxl).orElse(ZoneKind.UNKNOWN))));
            } catch (XenException e) {
                // The zone went away between listing and reading: skip it.
            }
        }
        zones.sort(Comparator.comparingInt(Zone::domid));
        return zones;
    }

    @Override
    public Optional<String> tty(int domid, ConsoleType type) {
        return store.read(type.ttyPath(domid)).filter(path -> !path.isBlank());
    }

    @Override
    public boolean configured(Zone zone, ConsoleType type) {
        if (type == ConsoleType.PV) {
            return store.read("/local/domain/" + zone.domid() + "/console/type").isPresent()
                    || store.read("/local/domain/" + zone.domid() + "/console/port").isPresent();
        }
        return zone.kind() == ZoneKind.HVM
                || store.read("/local/domain/0/device-model/" + zone.domid() + "/state").isPresent();
    }

    @Override
    public Optional<String> awaitTty(int domid, ConsoleType type, Duration timeout) throws InterruptedException {
        try (XenStoreWatch watch = store.watch(type.ttyPath(domid))) {
            watch.awaitUntil(() -> tty(domid, type).isPresent(), timeout, RECHECK);
        }
        return tty(domid, type);
    }
}

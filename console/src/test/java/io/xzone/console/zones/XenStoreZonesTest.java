package io.xzone.console.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.console.ConsoleType;
import io.xzone.xen.FakeXenStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Zones and console ptys read from xenstore as libxl lays them out. */
class XenStoreZonesTest {
    private final FakeXenStore store = new FakeXenStore();
    private final XenStoreZones zones = new XenStoreZones(store);

    private void zone(int domid, String name, String type) {
        store.write("/local/domain/" + domid + "/name", name);
        store.write("/libxl/" + domid + "/type", type);
    }

    @Test
    void listsRunningZonesWithTheirKindButNotDom0OrHalfBuiltOnes() {
        store.write("/local/domain/0/name", "Domain-0");
        zone(12, "hvm1", "hvm");
        zone(3, "web1", "pv");
        zone(7, "box", "pvh");
        store.write("/local/domain/9/console/port", "2"); // no name yet: still being built
        store.write("/local/domain/11/name", "xl-made-without-libxl-type");
        assertEquals(List.of(new Zone(3, "web1", ZoneKind.PV), new Zone(7, "box", ZoneKind.PVH),
                new Zone(11, "xl-made-without-libxl-type", ZoneKind.UNKNOWN), new Zone(12, "hvm1", ZoneKind.HVM)),
                zones.zones());
        assertEquals(Optional.of(new Zone(7, "box", ZoneKind.PVH)), zones.find("box"));
        assertEquals(Optional.of(new Zone(12, "hvm1", ZoneKind.HVM)), zones.find("12"));
        assertEquals(Optional.empty(), zones.find("nosuch"));
    }

    @Test
    void primaryConsolesFollowXl() {
        assertEquals(ConsoleType.PV, ZoneKind.PV.primaryConsole());
        assertEquals(ConsoleType.PV, ZoneKind.PVH.primaryConsole());
        assertEquals(ConsoleType.SERIAL, ZoneKind.HVM.primaryConsole());
    }

    @Test
    void findsTtysWhereXenconsoledAndQemuPublishThem() {
        zone(5, "hvm1", "hvm");
        store.write("/local/domain/5/console/tty", "/dev/pts/4");
        store.write("/local/domain/5/serial/0/tty", "/dev/pts/5");
        assertEquals(Optional.of("/dev/pts/4"), zones.tty(5, ConsoleType.PV));
        assertEquals(Optional.of("/dev/pts/5"), zones.tty(5, ConsoleType.SERIAL));
        assertEquals(Optional.empty(), zones.tty(6, ConsoleType.PV));
    }

    @Test
    void knowsWhichConsolesAZoneIsSetUpFor() {
        zone(3, "web1", "pv");
        store.write("/local/domain/3/console/type", "xenconsoled");
        zone(5, "hvm1", "hvm");
        Zone web1 = zones.find("web1").orElseThrow();
        assertTrue(zones.configured(web1, ConsoleType.PV));
        assertFalse(zones.configured(web1, ConsoleType.SERIAL));
        assertTrue(zones.configured(zones.find("hvm1").orElseThrow(), ConsoleType.SERIAL));
        assertFalse(zones.configured(zones.find("hvm1").orElseThrow(), ConsoleType.PV));
    }

    @Test
    void waitsForATtyPublishedLater() throws Exception {
        zone(4, "late", "pv");
        CompletableFuture<Optional<String>> found = CompletableFuture.supplyAsync(() -> {
            try {
                return zones.awaitTty(4, ConsoleType.PV, Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        TimeUnit.MILLISECONDS.sleep(300);
        assertFalse(found.isDone(), "still waiting");
        store.write("/local/domain/4/console/tty", "/dev/pts/9");
        assertEquals(Optional.of("/dev/pts/9"), found.get(5, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), zones.awaitTty(4, ConsoleType.SERIAL, Duration.ofMillis(100)));
    }
}

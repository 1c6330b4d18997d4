package io.xzone.boot.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.boot.backend.GuestType;
import io.xzone.boot.launch.LaunchedZone;
import io.xzone.boot.launch.RecordingDeviceModels;
import io.xzone.boot.launch.ZoneLauncher;
import io.xzone.boot.launch.Zones;
import io.xzone.boot.spec.Origin;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.xen.FakeHypervisor;
import io.xzone.xen.FakeXenStore;
import io.xzone.xen.XenStoreErrno;
import io.xzone.xen.ShutdownReason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleTest {
    @TempDir
    Path dir;
    private final FakeHypervisor xen = FakeHypervisor.fullHost();
    private final FakeXenStore store = new FakeXenStore();
    private final ZoneLauncher launcher = new ZoneLauncher(xen, store, Optional.of(GuestType.PV), new RecordingDeviceModels(store));
    private final ZoneControl control = new ZoneControl(xen, store);
    private final ZoneInventory inventory = new ZoneInventory(xen, store);

    private List<String> nodesOf(int domid) {
        return store.dump("/").keySet().stream().filter(p -> p.startsWith("/local/domain/" + domid) || p.startsWith("/vm/")
                || p.startsWith("/libxl/" + domid) || p.contains("/backend/console/" + domid)).toList();
    }

    @Test
    void listShowsNameRequestedBackendTypeAndState() {
        LaunchedZone zone = launcher.launch(Zones.spec(dir, "web", "auto"));
        ZoneStatus status = inventory.list().stream().filter(z -> z.domid() == zone.domid()).findFirst().orElseThrow();
        assertEquals(new ZoneStatus("web", zone.domid(), "auto", "pv", "r-----", 128, 1), status);
        assertEquals(zone.domid(), inventory.domidOf("web"));
        assertThrows(ZoneNotFoundException.class, () -> inventory.domidOf("nope"));
    }

    @Test
    void destroyLeavesNoNodeUnderLocalDomainVmOrLibxl() {
        LaunchedZone zone = launcher.launch(Zones.spec(dir, "web", "pvh"));
        assertFalse(nodesOf(zone.domid()).isEmpty());
        control.destroy(zone.domid());
        assertEquals(List.of(), nodesOf(zone.domid()));
        assertEquals(0, xen.guestDomainCount());
        assertFalse(store.isDomainIntroduced(zone.domid()));
    }

    @Test
    void poweroffWithOnPoweroffDestroyMakesTheZoneDisappear() throws InterruptedException {
        ZoneSpec spec = Zones.spec(dir, "web", "pv");
        LaunchedZone zone = launcher.launch(spec);
        xen.guestShutsDown(zone.domid(), ShutdownReason.POWEROFF);
        ZoneSupervisor supervisor = new ZoneSupervisor(xen, control, launcher::launch);
        assertEquals(ZoneSupervisor.Outcome.DESTROYED, supervisor.supervise(spec, zone.domid()));
        assertEquals(0, xen.guestDomainCount());
        assertEquals(List.of(), nodesOf(zone.domid()));
    }

    @Test
    void rebootWithOnRebootRestartComesBackUnderANewDomid() throws InterruptedException {
        assertRebootRestartsTheZone();
    }

    @Test
    void aRestartGoesOnWhenTheDestroyLeavesANodeBehind() throws InterruptedException {
        store.failUnder("xs_rm", "/libxl/1", XenStoreErrno.EACCES);
        assertRebootRestartsTheZone();
        assertTrue(store.read("/libxl/1/type").isPresent(), "the node the destroy could not remove");
    }

    /** Domain 1 reboots, the supervisor relaunches it as domain 2, which then powers off and goes for good. */
    private void assertRebootRestartsTheZone() throws InterruptedException {
        ZoneSpec spec = Zones.builder(dir, "web", "pv").onPoweroff("destroy", Origin.DEFAULT).build(Set.of());
        LaunchedZone first = launcher.launch(spec);
        assertEquals(1, first.domid());
        xen.guestShutsDown(first.domid(), ShutdownReason.REBOOT);
        Thread guest = new Thread(() -> {
            try {
                // The relaunched zone powers off after a while, which ends the supervision.
                assertTrue(control.await(first.domid() + 1, info -> info.isPresent(), Duration.ofSeconds(10)));
                xen.guestShutsDown(first.domid() + 1, ShutdownReason.POWEROFF);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        guest.start();
        ZoneSupervisor supervisor = new ZoneSupervisor(xen, control, launcher::launch);
        assertEquals(ZoneSupervisor.Outcome.DESTROYED, supervisor.supervise(spec, first.domid()));
        guest.join();
        List<String> creates = xen.calls().stream().filter("domain_create"::equals).toList();
        assertEquals(2, creates.size());
        assertEquals(0, xen.guestDomainCount());
    }

    @Test
    void shutdownRequestIsWrittenWhereTheGuestWatches() {
        LaunchedZone zone = launcher.launch(Zones.spec(dir, "web", "pv"));
        control.requestShutdown(zone.domid(), "poweroff");
        assertEquals(Optional.of("poweroff"), store.read("/local/domain/" + zone.domid() + "/control/shutdown"));
        control.pause(zone.domid());
        assertTrue(xen.state(zone.domid()).orElseThrow().paused());
        control.unpause(zone.domid());
        assertFalse(xen.state(zone.domid()).orElseThrow().paused());
    }
}

package io.xzone.boot.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.xzone.xen.FakeHypervisor;
import io.xzone.xen.FakeXenStore;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure injected into the calls of each build step in turn, on the fakes: every launch must leave no domain, no
 * event channel, no memory, no device backend and no xenstore node of the zone behind, and name the step that failed. The fault points
 * come from a recorded clean launch of each backend ({@link LaunchTap}); the tests module runs the same points
 * against the real xenstored.
 */
class FaultInjectionTest {
    @TestFactory
    Stream<DynamicTest> aFailureAtAnyStepLeavesNothingBehindAndNamesTheStep(@TempDir Path dir) {
        List<FaultPoint> points = FaultPoint.BACKENDS.stream().flatMap(backend -> {
            LaunchTap recorder = new LaunchTap(FakeHypervisor.fullHost(), new FakeXenStore());
            recorder.launch(Zones.withDevices(dir, "web", backend));
            return recorder.faultPoints(backend).stream();
        }).toList();
        FaultPoint.assertEveryStepCovered(points);
        // An HVM vif's second hotplug run puts QEMU's tap on the bridge: failing it after it acted must remove the tap too.
        assertTrue(points.contains(new FaultPoint("hvm", BuildStep.DEVICES, "hotplug.run", 2, true)), points.toString());
        return points.stream().map(point -> dynamicTest(point.toString(), () -> injectAt(dir, point)));
    }

    private static void injectAt(Path dir, FaultPoint point) {
        FakeHypervisor xen = FakeHypervisor.fullHost();
        FakeXenStore store = new FakeXenStore();
        LaunchTap tap = new LaunchTap(xen, store);
        tap.arm(point);
        LaunchException e = assertThrows(LaunchException.class, () -> tap.launch(Zones.withDevices(dir, "web", point.backend())));

        point.assertReportedBy(e, "web");
        String at = point + ": ";
        assertEquals(0, xen.guestDomainCount(), at + "domains left");
        assertEquals(0, xen.openEvtchnCount(), at + "event channels left");
        assertEquals(xen.totalPages(), xen.freePages(), at + "memory left allocated");
        assertFalse(store.isDomainIntroduced(1), at + "domain still introduced to xenstored");
        List<String> left = store.dump("/").keySet().stream().filter(p -> p.startsWith("/local/domain/1")
                || p.startsWith("/vm/") || p.startsWith("/libxl/1") || p.contains("/backend/console/1")
                || p.contains("/device-model/1") || p.contains("/backend/vbd/1") || p.contains("/backend/vif/1")).toList();
        assertEquals(List.of(), left, at + "xenstore nodes left");
        if (point.backend().equals("hvm") && point.step().compareTo(BuildStep.DEVICE_MODEL) > 0) {
            assertEquals(1, tap.calls("deviceModel.stop"), at + "the device model was not stopped");
        }
    }
}

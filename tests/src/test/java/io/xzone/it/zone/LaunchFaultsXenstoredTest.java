package io.xzone.it.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.xzone.boot.backend.GuestType;
import io.xzone.boot.launch.BuildStep;
import io.xzone.boot.launch.FaultPoint;
import io.xzone.boot.launch.LaunchException;
import io.xzone.boot.launch.LaunchTap;
import io.xzone.boot.launch.LaunchedZone;
import io.xzone.boot.launch.Zones;
import io.xzone.boot.layout.ZoneLayout;
import io.xzone.boot.lifecycle.ZoneControl;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.it.xenstored.GuestClient;
import io.xzone.it.xenstored.Xenstored;
import io.xzone.it.xenstored.XenstoreTools;
import io.xzone.it.xenstored.XenstoredTest;
import io.xzone.it.xenstored.XenstoredTrace;
import io.xzone.xen.FakeHypervisor;
import io.xzone.xen.JnaXenStore;
import io.xzone.xen.XenStore;
import io.xzone.xen.XenStoreTransaction;
import io.xzone.xen.XenStoreWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launch code (PV, PVH and HVM strategies) on the fake hypervisor and the real C xenstored: a failure
 * injected at each call of each build step in turn (the points come from a recorded clean launch, see
 * {@link LaunchTap}) must leave no domain and no event channel in the hypervisor, the daemon's whole tree as it was
 * (read with xenstore-ls, permissions included), the domain not introduced, no transaction or watch open, and an
 * error naming the step. HVM zones run the real device model code with a script in QEMU's place ({@link StandInQemu}:
 * QEMU itself needs a real Xen), which must not outlive a failed launch.
 */
@XenstoredTest(traced = true)
class LaunchFaultsXenstoredTest {
    private static final String ZONE = "web";
    private static final GuestClient.Reply DENIED = new GuestClient.Reply(false, "EACCES");
    /** The fake hypervisor's first guest domid. */
    private static final int DOMID = 1;

    @TempDir
    static Path dir;
    private static Xenstored daemon;
    private static XenStore store;
    private static XenstoreTools tools;
    private static StandInQemu qemu;
    /** The daemon's tree before any launch: what every failed launch and every destroy must come back to. */
    private static List<String> hostTree;

    @BeforeAll
    static void aHostLikeTree(Xenstored running) throws IOException {
        daemon = running;
        qemu = new StandInQemu(Files.createDirectories(dir.resolve("qemu")), daemon);
        store = JnaXenStore.open(daemon.socket());
        tools = new XenstoreTools(daemon);
        // A host that has run zones has the parents of a zone's trees (/vm, /libxl, dom0's backend and
        // device-model folders); like libxl, a destroy leaves those shared parents.
        ZoneLayout layout = new ZoneLayout(spec("hvm"), GuestType.HVM, DOMID);
        layout.ownedTrees().forEach(tree -> store.mkdir(tree.substring(0, tree.lastIndexOf('/'))));
        hostTree = tree();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void theTraceSeesTransactionsAndWatchesLeftOpen() {
        assertEquals(0, traced().openTransactions());
        try (XenStoreTransaction transaction = store.startTransaction()) {
            transaction.write("/probe", "1");
            assertEquals(1, traced().openTransactions());
        }
        assertEquals(0, traced().openTransactions());
        try (XenStoreWatch watch = store.watch("/probe")) {
            assertEquals(1, traced().openWatches());
        }
        assertEquals(0, traced().openWatches());
    }

    @Test
    void aCleanLaunchAndDestroyLeaveTheTreeAsItWas() {
        for (String backend : FaultPoint.BACKENDS) {
            recordCleanLaunch(backend);
        }
    }

    @TestFactory
    Stream<DynamicTest> aFailureAtEachStepLeavesNothingOnTheRealDaemon() {
        List<FaultPoint> points = FaultPoint.BACKENDS.stream().flatMap(b -> recordCleanLaunch(b).stream()).toList();
        FaultPoint.assertEveryStepCovered(points);
        return points.stream().map(point -> dynamicTest(point.toString(), () -> injectAt(point)));
    }

    /** The device model step watches for "running" and for QEMU's exit: a QEMU that dies fails it with its last words. */
    @Test
    void aDeviceModelThatExitsBeforeRunningFailsItsStepWithItsLastLine() throws IOException {
        StandInQemu dying = StandInQemu.dying(Files.createDirectories(dir.resolve("dying-qemu")));
        FakeHypervisor xen = FakeHypervisor.fullHost();
        LaunchTap tap = new LaunchTap(xen, store, dying::launcher);
        LaunchException e = assertThrows(LaunchException.class, () -> tap.launch(spec("hvm")));
        assertEquals(BuildStep.DEVICE_MODEL, e.step());
        assertTrue(e.getMessage().contains("QEMU exited with status 3: " + StandInQemu.DYING_WORDS), e.getMessage());
        assertEquals(0, xen.guestDomainCount());
        assertEquals(List.of(), changes(), "xenstore nodes added (+) or lost (-)");
    }

    /** Launches and destroys the zone on the real daemon; the fault points of that launch. */
    private static List<FaultPoint> recordCleanLaunch(String backend) {
        FakeHypervisor xen = FakeHypervisor.fullHost();
        LaunchTap tap = new LaunchTap(xen, store, qemu::launcher);
        LaunchedZone zone = tap.launch(spec(backend));
        assertEquals(ZONE, tools.run("xenstore-read", "/local/domain/" + zone.domid() + "/name").strip());
        assertTrue(store.isDomainIntroduced(zone.domid()));
        actAsTheGuest(zone.domid());
        if (zone.type() == GuestType.HVM) {
            String pid = tools.run("xenstore-read", "/local/domain/" + zone.domid() + "/image/device-model-pid").strip();
            assertEquals(List.of(Long.parseLong(pid)), qemu.running(), "the device model runs and its pid is published");
        }

        new ZoneControl(xen, store, tap.deviceBackends()).destroy(zone.domid());
        assertEquals(0, xen.guestDomainCount(), backend + ": domain left after destroy");
        assertFalse(store.isDomainIntroduced(zone.domid()), backend + ": domain left introduced after destroy");
        assertEquals(List.of(), changes(), backend + ": the tree after launch and destroy");
        assertEquals(0, traced().openTransactions(), backend + ": transactions left open");
        assertEquals(List.of(), stillRunningAfterDestroy(), backend + ": device model left running after destroy");
        return tap.faultPoints(backend);
    }

    /**
     * Through its own ring, the zone reads its nodes, writes where libxl lets a guest write and nowhere else: the
     * permissions, written before the domain was introduced, hold on the real daemon. What it writes, destroy removes.
     */
    private static void actAsTheGuest(int domid) {
        GuestClient guest = new GuestClient(daemon, domid);
        String home = "/local/domain/" + domid;
        assertEquals(new GuestClient.Reply(true, ZONE), guest.read(home + "/name"));
        assertEquals(new GuestClient.Reply(true, ""), guest.write(home + "/data/probe", "guest"));
        assertEquals(new GuestClient.Reply(true, ""), guest.write(home + "/control/feature-poweroff", "1"));
        assertEquals(DENIED, guest.write(home + "/name", "renamed"));
        assertEquals(DENIED, guest.read("/libxl/" + domid));
    }

    private static void injectAt(FaultPoint point) {
        FakeHypervisor xen = FakeHypervisor.fullHost();
        LaunchTap tap = new LaunchTap(xen, store, qemu::launcher);
        tap.arm(point);
        LaunchException e = assertThrows(LaunchException.class, () -> tap.launch(spec(point.backend())));

        point.assertReportedBy(e, ZONE);
        String at = point + ": ";
        assertEquals(0, xen.guestDomainCount(), at + "domains left");
        assertEquals(0, xen.openEvtchnCount(), at + "event channels left");
        assertEquals(xen.totalPages(), xen.freePages(), at + "memory left allocated");
        assertFalse(store.isDomainIntroduced(DOMID), at + "domain left introduced to xenstored");
        assertEquals(List.of(), changes(), at + "xenstore nodes added (+) or lost (-)");
        XenstoredTrace trace = traced();
        assertEquals(0, trace.openTransactions(), at + "transactions left open");
        assertEquals(0, trace.openWatches(), at + "watches left set");
        assertEquals(List.of(), qemu.running(), at + "device model left running");
    }

    /** Destroy signals the device model and does not wait: give it a moment to go. */
    private static List<Long> stillRunningAfterDestroy() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!qemu.running().isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return qemu.running();
    }

    /** The trace up to now: xenstored may trace a reply after sending it, so first a round trip on our connection. */
    private static XenstoredTrace traced() {
        store.directory("/");
        return daemon.trace();
    }

    private static ZoneSpec spec(String backend) {
        return Zones.withDevices(dir, ZONE, backend);
    }

    /** Every node with its value and permissions, as the real daemon answers xenstore-ls. */
    private static List<String> tree() {
        return tools.run("xenstore-ls", "-f", "-p").lines().toList();
    }

    /** How the tree differs from the host's: "+ line" for what is new, "- line" for what is gone. */
    private static List<String> changes() {
        List<String> now = tree();
        List<String> changes = new ArrayList<>();
        now.stream().filter(line -> !hostTree.contains(line)).forEach(line -> changes.add("+ " + line));
        hostTree.stream().filter(line -> !now.contains(line)).forEach(line -> changes.add("- " + line));
        return changes;
    }
}

package io.xzone.boot.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.boot.backend.GuestType;
import io.xzone.boot.launch.BuildStep;
import io.xzone.boot.launch.LaunchException;
import io.xzone.boot.launch.LaunchPlan;
import io.xzone.boot.launch.LaunchedZone;
import io.xzone.boot.launch.RecordingDeviceModels;
import io.xzone.boot.launch.UnsupportedDeviceException;
import io.xzone.boot.launch.ZoneLauncher;
import io.xzone.boot.launch.Zones;
import io.xzone.boot.lifecycle.ZoneControl;
import io.xzone.boot.lifecycle.ZoneDestroyIncompleteException;
import io.xzone.boot.spec.Origin;
import io.xzone.boot.spec.SpecFiles;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.boot.spec.ZoneSpecBuilder;
import io.xzone.xen.FakeHypervisor;
import io.xzone.xen.FakeXenStore;
import io.xzone.xen.XenStore;
import io.xzone.xen.XenStoreErrno;
import io.xzone.xen.XenStorePermission;
import io.xzone.xen.XenStorePermission.Access;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PV and PVH disks and vifs: libxl's nodes and permissions, the hotplug scripts, and their undoing. */
class PvDevicesLaunchTest {
    private static final String VBD = "/local/domain/0/backend/vbd/1/51712";
    private static final String VIF = "/local/domain/0/backend/vif/1/0";

    @TempDir
    Path dir;
    private final FakeHypervisor xen = FakeHypervisor.fullHost();
    private final FakeXenStore store = new FakeXenStore();
    private final FakeBackendDrivers drivers = new FakeBackendDrivers(store);
    private final XenStore toolstack = drivers.toolstackView();
    private final RecordingHotplug scripts = new RecordingHotplug(store);
    private final DeviceBackends backends = new DeviceBackends(toolstack, scripts, Duration.ofSeconds(2), "xenbr0"::equals);
    private final RecordingDeviceModels deviceModels = new RecordingDeviceModels(toolstack);
    private final ZoneLauncher launcher = new ZoneLauncher(xen, toolstack, Optional.of(GuestType.PV), deviceModels, backends);

    private ZoneSpec spec(String backend, boolean readOnly, String target) {
        Path image = new SpecFiles(dir).file("disk.img", "disk");
        return Zones.builder(dir, "web", backend)
                .disk(new ZoneSpecBuilder.RawDisk(image, "file", target, readOnly, false), Origin.DEFAULT)
                .network(new ZoneSpecBuilder.RawNetwork("xenbr0", "00:16:3e:01:02:03"), Origin.DEFAULT).build(Set.of());
    }

    private static List<XenStorePermission> perms(int owner, int reader) {
        return List.of(new XenStorePermission(owner, Access.NONE), new XenStorePermission(reader, Access.READ));
    }

    @Test
    void aPvZoneGetsLibxlsVbdAndVifNodesAndItsHotplugScriptsRunBeforeUnpause() {
        LaunchedZone zone = launcher.launch(spec("pv", false, "xvda"));
        assertEquals(1, zone.domid());
        String front = "/local/domain/1/device/vbd/51712";
        assertEquals(Optional.of(VBD), store.read(front + "/backend"));
        assertEquals(Optional.of("51712"), store.read(front + "/virtual-device"));
        assertEquals(Optional.of("x86_64-abi"), store.read(front + "/protocol"));
        assertEquals(perms(1, 0), store.permissions(front));
        assertEquals(perms(1, 0), store.permissions(front + "/state"));
        assertEquals(Optional.of(dir.resolve("disk.img").toString()), store.read(VBD + "/params"));
        assertEquals(Optional.of("/etc/xen/scripts/block"), store.read(VBD + "/script"));
        assertEquals(Optional.of("phy"), store.read(VBD + "/type"));
        assertEquals(Optional.of("w"), store.read(VBD + "/mode"));
        assertEquals(Optional.of("xvda"), store.read(VBD + "/dev"));
        assertEquals(Optional.of("1"), store.read(VBD + "/frontend-id"));
        assertEquals(Optional.of(front), store.read(VBD + "/frontend"));
        assertEquals(perms(0, 1), store.permissions(VBD));
        assertEquals(perms(0, 1), store.permissions(VBD + "/params"));
        assertEquals(Optional.of(VBD), store.read("/libxl/1/device/vbd/51712/backend"));
        assertEquals(Optional.of("xvda"), store.read("/libxl/1/device/vbd/51712/dev"));

        String vifFront = "/local/domain/1/device/vif/0";
        assertEquals(Optional.of("00:16:3e:01:02:03"), store.read(vifFront + "/mac"));
        assertEquals(Optional.of("1500"), store.read(vifFront + "/mtu"));
        assertEquals(perms(0, 1), store.permissions(vifFront + "/mtu"));
        assertEquals(perms(1, 0), store.permissions(vifFront + "/mac"));
        assertEquals(Optional.of("xenbr0"), store.read(VIF + "/bridge"));
        assertEquals(Optional.of("vif"), store.read(VIF + "/type"));
        assertEquals(Optional.of("0"), store.read(VIF + "/handle"));
        assertEquals(Optional.of("/etc/xen/scripts/vif-bridge"), store.read(VIF + "/script"));
        assertEquals(Optional.of("connected"), store.read(VIF + "/hotplug-status"));
        assertEquals(Optional.of(VIF), store.read("/libxl/1/device/vif/0/backend"));

        assertEquals(List.of("block add (backend/vbd/1/51712)", "vif-bridge online type_if=vif (backend/vif/1/0, vif1.0)"),
                scripts.runs());
        assertFalse(xen.state(1).orElseThrow().paused());
    }

    @Test
    void aReadOnlyDiskIsModeRAndPvhFrontendsCarryNoProtocol() {
        launcher.launch(spec("pvh", true, "xvdb"));
        String vbd = "/local/domain/0/backend/vbd/1/51728";
        assertEquals(Optional.of("r"), store.read(vbd + "/mode"));
        assertEquals(Optional.of("0"), store.read(vbd + "/discard-enable"));
        assertEquals(Optional.empty(), store.read("/local/domain/1/device/vbd/51728/protocol"));
    }

    @Test
    void destroyDisconnectsEachDeviceRunsItsDetachScriptAndRemovesEveryNode() {
        launcher.launch(spec("pv", false, "xvda"));
        new ZoneControl(xen, toolstack, backends).destroy(1);
        assertEquals(List.of(), drivers.unclosed(), "blkback saw its frontend vanish before the backend was set Closing");
        List<String> calls = xen.calls();
        assertTrue(calls.lastIndexOf("domain_pause") > calls.lastIndexOf("domain_unpause"), "paused first, as libxl does");
        assertAttachedInTurnThenDetachedTogether();
        assertNothingOfDomainOneLeft();
    }

    @Test
    void destroyGoesOnPastADeviceWhoseBackendRefusesWritesAndNamesIt() {
        launcher.launch(spec("pv", false, "xvda"));
        store.failUnder("xs_write", VBD, XenStoreErrno.EACCES);
        ZoneDestroyIncompleteException e = assertThrows(ZoneDestroyIncompleteException.class,
                () -> new ZoneControl(xen, toolstack, backends).destroy(1));
        assertEquals("domain 1 was destroyed, but not all cleaned up; left: vbd 51712 (" + VBD + "): xs_write(" + VBD
                + "/online) failed: EACCES (permission denied); refused by the test", e.getMessage());
        assertTrue(e.domainDestroyed());
        // The vbd's script still ran (blkback never closed, so it may fail; the loop device is then what is left).
        assertAttachedInTurnThenDetachedTogether();
        assertNothingOfDomainOneLeft();
    }

    @Test
    void destroyRemovesWhatItCanAndNamesEachNodeItCannot() {
        launcher.launch(spec("pvh", false, "xvda"));
        store.failUnder("xs_rm", "/libxl/1", XenStoreErrno.EACCES);
        ZoneDestroyIncompleteException e = assertThrows(ZoneDestroyIncompleteException.class,
                () -> new ZoneControl(xen, toolstack, backends).destroy(1));
        assertTrue(e.getMessage().startsWith("domain 1 was destroyed, but not all cleaned up; left: vbd 51712 (" + VBD
                + "): xs_rm(/libxl/1/device/vbd/51712) failed: EACCES"), e.getMessage());
        assertTrue(e.getMessage().contains("; vif 0 (" + VIF + "): xs_rm(/libxl/1/device/vif/0) failed"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; xenstore /libxl/1: xs_rm(/libxl/1) failed: EACCES (permission denied); refused by the test"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertEquals(0, xen.guestDomainCount());
        assertAttachedInTurnThenDetachedTogether();
        List<String> left = store.dump("/").keySet().stream().filter(p -> p.startsWith("/local/domain/1")
                || p.contains("/backend/vbd/1") || p.contains("/backend/vif/1")).toList();
        assertEquals(List.of(), left);
        assertTrue(store.read("/libxl/1/type").isPresent());
    }

    @Test
    void aDomainXenWillNotDestroyKeepsItsNodesSoItCanBeDestroyedAgain() {
        launcher.launch(spec("pv", false, "xvda"));
        xen.failOnce("domain_destroy", 16);
        ZoneDestroyIncompleteException e = assertThrows(ZoneDestroyIncompleteException.class,
                () -> new ZoneControl(xen, toolstack, backends).destroy(1));
        assertTrue(e.getMessage().startsWith("domain 1 still exists; left: domain 1: xc_domain_destroy(1) failed: EBUSY"),
                e.getMessage());
        assertFalse(e.domainDestroyed());
        assertEquals(Optional.of("web"), store.read("/local/domain/1/name"));
        new ZoneControl(xen, toolstack, backends).destroy(1);
        assertNothingOfDomainOneLeft();
    }

    /** Each detach script waits until the other device's has started too: they only both finish when run together. */
    @Test
    void destroyDetachesTheDevicesTogetherAsLibxlDoes() {
        launcher.launch(spec("pv", false, "xvda"));
        CyclicBarrier bothDetaching = new CyclicBarrier(2);
        AtomicInteger met = new AtomicInteger();
        HotplugScripts meeting = (script, arguments, environment) -> {
            scripts.run(script, arguments, environment);
            try {
                bothDetaching.await(10, TimeUnit.SECONDS);
                met.incrementAndGet();
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new HotplugException("the other device's detach did not run alongside: " + e);
            }
        };
        new ZoneControl(xen, toolstack, new DeviceBackends(toolstack, meeting, Duration.ofSeconds(2), "xenbr0"::equals)).destroy(1);
        assertEquals(2, met.get());
        assertAttachedInTurnThenDetachedTogether();
        assertNothingOfDomainOneLeft();
    }

    @Test
    void aFailedHotplugScriptUndoesEveryDeviceAndNamesTheDevicesStep() {
        scripts.failOn("online");
        LaunchException e = assertThrows(LaunchException.class, () -> launcher.launch(spec("pv", false, "xvda")));
        assertEquals(BuildStep.DEVICES, e.step());
        assertTrue(e.getMessage().startsWith("launch of web failed at step devices: vif 0 (" + VIF + "): "
                + "/etc/xen/scripts/vif-bridge online exited with status 1 (injected failure); the half-built domain was"
                + " destroyed"), e.getMessage());
        assertAttachedInTurnThenDetachedTogether();
        assertNothingOfDomainOneLeft();
    }

    @Test
    void aBackendThatNeverTakesTheDeviceFailsTheLaunchWithoutRunningAnyScript() {
        drivers.ignoreNew();
        LaunchException e = assertThrows(LaunchException.class, () -> launcher.launch(spec("pv", false, "xvda")));
        assertEquals(BuildStep.DEVICES, e.step());
        assertTrue(e.getMessage().contains("vbd 51712 (" + VBD + "): the backend did not reach InitWait within 2 s (state 1;"
                + " is the xen-blkback module loaded in dom0?)"), e.getMessage());
        assertEquals(List.of(), scripts.runs());
        assertNothingOfDomainOneLeft();
    }

    @Test
    void thePlanListsTheDeviceNodesAndTheDevicesStep() {
        LaunchPlan plan = launcher.plan(spec("pv", false, "xvda"));
        List<String> text = plan.render();
        assertTrue(text.contains("  /local/domain/0/backend/vbd/D/51712/frontend-id = \"D\""), String.join("\n", text));
        assertTrue(text.contains("  /local/domain/D/device/vif/0 = \"\"  (nD r0)"), String.join("\n", text));
        assertTrue(text.contains("  7. devices: for each, wait for the backend's InitWait, then its hotplug script: vbd 51712"
                + " (/etc/xen/scripts/block add), vif 0 (/etc/xen/scripts/vif-bridge online)"), String.join("\n", text));
        assertEquals(0, xen.guestDomainCount());
        assertEquals(List.of(), scripts.runs());
    }

    @Test
    void aDiskNameLibxlCannotNumberIsRefusedBeforeCreation() {
        ZoneSpec spec = spec("pv", false, "hde");
        UnsupportedDeviceException e = assertThrows(UnsupportedDeviceException.class, () -> launcher.launch(spec));
        assertTrue(e.getMessage().startsWith("disk.target: hde has no paravirtual device number"), e.getMessage());
        assertEquals(0, xen.guestDomainCount());
    }

    @Test
    void anHvmZonesVifIsLibxlsVifIoemuNicWhoseTapGoesOnTheBridgeOnceQemuRuns() {
        launcher.launch(spec("hvm", false, "hda"));
        assertEquals(Optional.of("vif_ioemu"), store.read(VIF + "/type"));
        assertEquals(Optional.of("xenbr0"), store.read(VIF + "/bridge"));
        assertEquals(Optional.of("00:16:3e:01:02:03"), store.read("/local/domain/1/device/vif/0/mac"));
        assertEquals(Optional.of("vif_ioemu"), store.read("/libxl/1/device/vif/0/type"));
        assertTrue(store.dump("/local/domain/0/backend").keySet().stream().noneMatch(p -> p.contains("/vbd/")), "QEMU serves an HVM zone's disks");
        assertEquals(List.of("start web"), deviceModels.events());
        assertEquals(List.of("vif-bridge online type_if=vif (backend/vif/1/0, vif1.0, vif1.0-emu)",
                "vif-bridge add type_if=tap (backend/vif/1/0, vif1.0, vif1.0-emu)"), scripts.runs());
        assertFalse(xen.state(1).orElseThrow().paused());
    }

    @Test
    void destroyingAnHvmZoneTakesTheVifAndTheTapOffTheBridge() {
        launcher.launch(spec("hvm", false, "hda"));
        new ZoneControl(xen, toolstack, backends).destroy(1);
        assertEquals(List.of("vif-bridge offline type_if=vif (backend/vif/1/0, vif1.0, vif1.0-emu)",
                "vif-bridge remove type_if=tap (backend/vif/1/0, vif1.0, vif1.0-emu)"), scripts.runs().subList(2, 4));
        assertNothingOfDomainOneLeft();
    }

    @Test
    void aFailedTapScriptStopsQemuTakesTheVifAwayAndNamesTheDevicesStep() {
        scripts.failOn("add");
        LaunchException e = assertThrows(LaunchException.class, () -> launcher.launch(spec("hvm", false, "hda")));
        assertEquals(BuildStep.DEVICES, e.step());
        assertTrue(e.getMessage().startsWith("launch of web failed at step devices: vif 0 (" + VIF + "): "
                + "/etc/xen/scripts/vif-bridge add exited with status 1 (injected failure); the half-built domain was"
                + " destroyed"), e.getMessage());
        assertEquals(List.of("start web", "stop web"), deviceModels.events());
        assertEquals(List.of("vif-bridge online type_if=vif (backend/vif/1/0, vif1.0, vif1.0-emu)",
                "vif-bridge add type_if=tap (backend/vif/1/0, vif1.0, vif1.0-emu)",
                "vif-bridge offline type_if=vif (backend/vif/1/0, vif1.0, vif1.0-emu)",
                "vif-bridge remove type_if=tap (backend/vif/1/0, vif1.0, vif1.0-emu)"), scripts.runs());
        assertNothingOfDomainOneLeft();
    }

    @Test
    void theHvmPlanListsQemusNicArgumentsTheVifNodesAndTheDevicesAfterTheDeviceModel() {
        String text = String.join("\n", launcher.plan(spec("hvm", false, "hda")).render());
        assertTrue(text.contains(" -device rtl8139,id=nic0,netdev=net0,mac=00:16:3e:01:02:03 -netdev type=tap,id=net0,"
                + "ifname=vifD.0-emu,br=xenbr0,script=no,downscript=no "), text);
        assertFalse(text.contains("-net none"), text);
        assertTrue(text.contains("network: vif 00:16:3e:01:02:03 on bridge xenbr0 (emulated rtl8139 on a tap, plus"
                + " netback's vif)"), text);
        assertTrue(text.contains("  /local/domain/0/backend/vif/D/0/type = \"vif_ioemu\""), text);
        assertTrue(text.contains("  /local/domain/D/device/vif/0/mac = \"00:16:3e:01:02:03\"  (nD r0)"), text);
        assertTrue(text.indexOf(". device model: ") < text.indexOf(". devices: for each, wait for the backend's InitWait,"
                + " then its hotplug script: vif 0 (/etc/xen/scripts/vif-bridge online, then add type_if=tap for QEMU's"
                + " vifD.0-emu)"), text);
        assertEquals(0, xen.guestDomainCount());
    }

    /** The attach scripts ran one device after the other; the detach ones all at once, in whatever order they ended. */
    private void assertAttachedInTurnThenDetachedTogether() {
        List<String> runs = scripts.runs();
        assertEquals(4, runs.size(), runs.toString());
        assertEquals(List.of("block add (backend/vbd/1/51712)", "vif-bridge online type_if=vif (backend/vif/1/0, vif1.0)"),
                runs.subList(0, 2));
        assertEquals(Set.of("block remove (backend/vbd/1/51712)", "vif-bridge offline type_if=vif (backend/vif/1/0, vif1.0)"),
                Set.copyOf(runs.subList(2, 4)));
    }

    private void assertNothingOfDomainOneLeft() {
        assertEquals(0, xen.guestDomainCount());
        List<String> left = store.dump("/").keySet().stream().filter(p -> p.startsWith("/local/domain/1")
                || p.startsWith("/libxl/1") || p.contains("/backend/vbd/1") || p.contains("/backend/vif/1")).toList();
        assertEquals(List.of(), left);
    }
}

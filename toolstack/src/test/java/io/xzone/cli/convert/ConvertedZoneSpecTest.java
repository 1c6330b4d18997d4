package io.xzone.cli.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.boot.backend.GuestType;
import io.xzone.boot.device.DeviceBackends;
import io.xzone.boot.device.RecordingHotplug;
import io.xzone.boot.launch.RecordingDeviceModels;
import io.xzone.boot.launch.ZoneLauncher;
import io.xzone.boot.spec.LifecycleAction;
import io.xzone.boot.spec.VirtBackend;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.boot.spec.ZoneSpecFile;
import io.xzone.convert.testing.SampleGuests;
import io.xzone.convert.xl.XlConfigReader;
import io.xzone.convert.xl.ZoneSpecWriter;
import io.xzone.xen.FakeHypervisor;
import io.xzone.xen.FakeXenStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The zone spec the converter writes is read by {@code xzone zone launch} as it is: the two modules agree on every key,
 * and the PV guest's pinning and lifecycle actions survive (a guest pinned off dom0's CPU stays pinned when converted);
 * its vifs become HVM nics as libxl makes them.
 */
class ConvertedZoneSpecTest {

    @Test
    void theConvertersSpecLaunchesAsWrittenWithPinningLifecycleDisksAndCd() throws Exception {
        Path folder = Files.createTempDirectory(SampleGuests.scratch("zone-spec"), "guest");
        Files.write(folder.resolve("web.img"), new byte[512]);
        Path iso = Files.write(folder.resolve("grub2-0123.iso"), new byte[512]);
        Path cfg = Files.writeString(folder.resolve("web.cfg"), """
                name = "web"
                memory = 128
                vcpus = 1
                cpus = "1"
                on_poweroff = "preserve"
                on_reboot = "restart"
                on_crash = "coredump-restart"
                bootloader = "pygrub"
                disk = [ 'file:web.img,xvda,w' ]
                """);
        Path spec = Files.writeString(folder.resolve("web.zone.toml"),
                new ZoneSpecWriter().write(new XlConfigReader().read(cfg), iso));

        ZoneSpec zone = ZoneSpecFile.read(spec).build(Set.of());

        assertEquals(VirtBackend.HVM, zone.backend());
        assertEquals(128, zone.memoryMib());
        assertEquals(List.of(1), zone.cpus().cpus());
        assertEquals(LifecycleAction.PRESERVE, zone.onPoweroff());
        assertEquals(LifecycleAction.RESTART, zone.onReboot());
        assertEquals(LifecycleAction.DESTROY, zone.onCrash(), "coredump-restart has no zone equivalent: the default");
        assertTrue(Files.readString(spec).contains("# on_crash = \"coredump-restart\" in the xl.cfg has no zone equivalent"));
        assertEquals(List.of(folder.resolve("web.img").toAbsolutePath() + " FILE xvda rw disk", iso + " FILE hdc ro cdrom"),
                zone.disks().stream().map(d -> d.path() + " " + d.kind() + " " + d.target() + " " + (d.readOnly() ? "ro" : "rw")
                        + " " + (d.cdrom() ? "cdrom" : "disk")).toList());
        assertEquals("dc", zone.hvm().bootOrder());
        assertTrue(zone.hvm().serial());
    }

    @Test
    void aListOfCpusBecomesOneCpuString() throws Exception {
        Path folder = Files.createTempDirectory(SampleGuests.scratch("zone-spec"), "list");
        Files.write(folder.resolve("db.img"), new byte[512]);
        Path cfg = Files.writeString(folder.resolve("db.cfg"),
                "name = 'db'\nmemory = 256\ncpus = [ \"2\", \"3\" ]\ndisk = [ 'file:db.img,xvda,w' ]\n");
        Path spec = Files.writeString(folder.resolve("db.zone.toml"),
                new ZoneSpecWriter().write(new XlConfigReader().read(cfg), Files.write(folder.resolve("cd.iso"), new byte[512])));

        assertEquals(List.of(2, 3), ZoneSpecFile.read(spec).build(Set.of()).cpus().cpus());
    }

    @Test
    void aConvertedGuestWithAVifIsPlannedAsAnEmulatedNicOnATapPlusNetbacksVif() throws Exception {
        Path folder = Files.createTempDirectory(SampleGuests.scratch("zone-spec"), "vif");
        Files.write(folder.resolve("app.img"), new byte[512]);
        Path cfg = Files.writeString(folder.resolve("app.cfg"), "name = 'app'\nmemory = 128\n"
                + "disk = [ 'file:app.img,xvda,w' ]\nvif = [ 'bridge=xenbr0,mac=00:16:3e:4a:00:07,model=e1000' ]\n");
        Path spec = Files.writeString(folder.resolve("app.zone.toml"),
                new ZoneSpecWriter().write(new XlConfigReader().read(cfg), Files.write(folder.resolve("cd.iso"), new byte[512])));
        ZoneSpec zone = ZoneSpecFile.read(spec).build(Set.of());
        FakeXenStore store = new FakeXenStore();
        DeviceBackends dom0WithXenbr0 = new DeviceBackends(store, new RecordingHotplug(store), Duration.ofSeconds(1),
                "xenbr0"::equals);

        String plan = String.join("\n", new ZoneLauncher(FakeHypervisor.fullHost(), store, Optional.of(GuestType.PV),
                new RecordingDeviceModels(store), dom0WithXenbr0).plan(zone).render());

        assertTrue(plan.contains("network: vif 00:16:3e:4a:00:07 on bridge xenbr0 (emulated e1000 on a tap, plus netback's vif)"), plan);
        assertTrue(plan.contains("-device e1000,id=nic0,netdev=net0,mac=00:16:3e:4a:00:07 -netdev type=tap,id=net0,"
                + "ifname=vifD.0-emu,br=xenbr0,script=no,downscript=no"), plan);
        assertTrue(plan.contains("/local/domain/0/backend/vif/D/0/type = \"vif_ioemu\""), plan);
        assertTrue(plan.endsWith("dry run: nothing was created"), plan);
    }
}

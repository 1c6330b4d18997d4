package io.xzone.boot.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.boot.backend.BackendUnavailableException;
import io.xzone.boot.backend.GuestType;
import io.xzone.boot.spec.Origin;
import io.xzone.boot.spec.SpecException;
import io.xzone.boot.spec.SpecFiles;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.boot.spec.ZoneSpecBuilder;
import io.xzone.xen.CreateFlag;
import io.xzone.xen.DomainConfig;
import io.xzone.xen.E820Entry;
import io.xzone.xen.FakeHypervisor;
import io.xzone.xen.FakeXenStore;
import io.xzone.xen.ImageContainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneLauncherTest {
    @TempDir
    Path dir;
    private final FakeHypervisor xen = FakeHypervisor.fullHost();
    private final FakeXenStore store = new FakeXenStore();
    private final RecordingDeviceModels deviceModels = new RecordingDeviceModels(store);

    private ZoneLauncher launcher(Optional<GuestType> dom0) {
        return new ZoneLauncher(xen, store, dom0, deviceModels);
    }

    @Test
    void pvZoneRunsUnpausedWithLibxlNodesAndIsIntroduced() {
        LaunchedZone zone = launcher(Optional.of(GuestType.PV)).launch(Zones.spec(dir, "web", "pv"));
        assertEquals(GuestType.PV, zone.type());
        FakeHypervisor.DomainState state = xen.state(zone.domid()).orElseThrow();
        assertFalse(state.paused());
        assertEquals(Map.of(0, Set.of(1)), state.affinity());
        assertEquals(128 * 1024 + 1024, state.maxMemKib());
        assertEquals(ImageContainer.PV, state.image().orElseThrow().container());
        String dom = "/local/domain/" + zone.domid();
        assertEquals(Optional.of("web"), store.read(dom + "/name"));
        assertEquals(Optional.of("pv"), store.read("/libxl/" + zone.domid() + "/type"));
        int consolePort = state.image().orElseThrow().consoleEvtchn();
        assertEquals(Optional.of(Integer.toString(consolePort)), store.read(dom + "/console/port"));
        assertEquals(Optional.of("xenconsoled"), store.read(dom + "/console/type"));
        assertTrue(store.isDomainIntroduced(zone.domid()));
        assertEquals(2, xen.openEvtchnCount());
    }

    @Test
    void pvhZoneIsAnHvmContainerWithLapicOnlyAndAnE820MapAroundTheMmioHole() {
        LaunchedZone zone = launcher(Optional.of(GuestType.PV)).launch(Zones.spec(dir, "web", "pvh"));
        FakeHypervisor.DomainState state = xen.state(zone.domid()).orElseThrow();
        DomainConfig config = state.config().orElseThrow();
        assertEquals(Set.of(CreateFlag.HVM, CreateFlag.HAP), config.flags());
        assertEquals(DomainConfig.EMU_PVH, config.emulationFlags());
        var layout = state.image().orElseThrow().hvm().orElseThrow();
        assertEquals(0xfc000000L, layout.mmioStart());
        // The tiny test kernel is a Linux without XENFEAT_linux_rsdp_unrestricted: its RSDP goes below 1 MiB.
        assertEquals(0xfffc0L, layout.acpiModules().get(0).guestAddress());
        assertEquals(0xfc000000L, layout.acpiModules().get(1).guestAddress());
        int tables = layout.acpiModules().get(1).data().length;
        assertEquals(List.of(new E820Entry(0, 128L << 20, E820Entry.RAM),
                new E820Entry(0xfeff8000L, 0x8000, E820Entry.RESERVED),
                new E820Entry(0xff000L, 0xfc0 + 36, E820Entry.ACPI),
                new E820Entry(0xfc000000L, tables, E820Entry.ACPI)), layout.e820());
        assertEquals(128 * 256, layout.targetPages());
        assertFalse(layout.deviceModel());
    }

    @Test
    void hvmZoneBootsHvmloaderAndStartsTheDeviceModelBeforeUnpause() {
        LaunchedZone zone = launcher(Optional.of(GuestType.PV)).launch(Zones.spec(dir, "win", "hvm"));
        FakeHypervisor.DomainState state = xen.state(zone.domid()).orElseThrow();
        assertEquals(DomainConfig.EMU_HVM, state.config().orElseThrow().emulationFlags());
        assertEquals(HvmBoot.HVMLOADER, state.image().orElseThrow().kernel());
        assertTrue(state.image().orElseThrow().hvm().orElseThrow().systemFirmware().isPresent());
        assertEquals(List.of("start win"), deviceModels.events());
        assertEquals(Optional.of("seabios"), store.read("/local/domain/" + zone.domid() + "/hvmloader/bios"));
        assertEquals(Optional.of("xenconsoled"), store.read("/local/domain/" + zone.domid() + "/console/type"));
        List<String> calls = xen.calls();
        assertEquals("domain_unpause", calls.get(calls.size() - 1));
    }

    @Test
    void autoFollowsAPvDom0AndAPvhDom0() {
        assertEquals(GuestType.PV, launcher(Optional.of(GuestType.PV)).launch(Zones.spec(dir, "a", "auto")).type());
        assertEquals(GuestType.PVH, launcher(Optional.of(GuestType.PVH)).launch(Zones.spec(dir, "b", "auto")).type());
    }

    @Test
    void pvhOnAHostWithoutHvmIsRefusedBeforeAnyHypercallThatChangesAnything() {
        FakeHypervisor pvOnly = FakeHypervisor.pvOnlyHost();
        ZoneLauncher launcher = new ZoneLauncher(pvOnly, store, Optional.of(GuestType.PV), deviceModels);
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> launcher.launch(Zones.spec(dir, "web", "pvh")));
        assertTrue(e.getMessage().startsWith("pvh needs hardware virtualization (VT-x/AMD-V) but this host offers: pv"), e.getMessage());
        assertEquals(List.of("physinfo"), pvOnly.calls());
        assertEquals(GuestType.PV, launcher.launch(Zones.spec(dir, "web", "auto")).type());
    }

    @Test
    void aPvOnlyKernelIsRefusedForPvhBeforeCreation() {
        ZoneSpec spec = Zones.builder(dir, "old", "pvh").kernel(Zones.kernel(true), Origin.DEFAULT).build(Set.of());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> launcher(Optional.of(GuestType.PV)).launch(spec));
        assertTrue(e.getMessage().contains("PHYS32_ENTRY"), e.getMessage());
        assertEquals(0, xen.guestDomainCount());
    }

    @Test
    void planTouchesNothingAndShowsNodesWithPermissions() {
        LaunchPlan plan = launcher(Optional.of(GuestType.PV)).plan(Zones.spec(dir, "web", "pvh"));
        List<String> text = plan.render();
        assertTrue(text.contains("  /local/domain/D = \"\"  (n0 rD)"), String.join("\n", text));
        assertTrue(text.stream().anyMatch(l -> l.startsWith("backend: requested pvh, runs as PVH: requested with -V pvh")));
        assertTrue(text.stream().anyMatch(l -> l.startsWith("  4. image: xc_dom_* chain, HVM container")), String.join("\n", text));
        assertTrue(text.stream().anyMatch(l -> l.contains("ACPI RSDP at 0xfffc0, DSDT FACP APIC XSDT RSDT (")
                && l.contains(" bytes) at 0xfc000000 (1 of 1 vCPUs enabled)")), String.join("\n", text));
        assertEquals(List.of("physinfo"), xen.calls());
        assertTrue(store.dump("/local/domain").keySet().stream().noneMatch(p -> p.startsWith("/local/domain/1")));
    }

    @Test
    void aVifOnABridgeDom0LacksIsRefusedWithItsSpecLineBeforeAnythingIsCreated() {
        Origin line7 = new Origin.FileLine(dir.resolve("web.toml"), 7);
        ZoneSpec spec = Zones.builder(dir, "web", "hvm")
                .network(new ZoneSpecBuilder.RawNetwork("xzbr-nowhere", null), line7).build(Set.of());
        ZoneLauncher launcher = launcher(Optional.of(GuestType.PV));
        SpecException e = assertThrows(SpecException.class, () -> launcher.launch(spec));
        assertEquals(dir.resolve("web.toml") + ":7: network.bridge: dom0 has no bridge xzbr-nowhere (create it, e.g. ip link"
                + " add xzbr-nowhere type bridge; ip link set xzbr-nowhere up)", e.getMessage());
        assertThrows(SpecException.class, () -> launcher.plan(spec));
        assertEquals(List.of("physinfo", "physinfo"), xen.calls());
        assertEquals(0, xen.guestDomainCount());
        assertEquals(List.of(), deviceModels.events());
    }
}

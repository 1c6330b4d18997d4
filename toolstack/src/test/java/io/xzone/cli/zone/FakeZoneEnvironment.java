package io.xzone.cli.zone;

import io.xzone.boot.backend.GuestType;
import io.xzone.boot.launch.RecordingDeviceModels;
import io.xzone.xen.FakeHypervisor;
import io.xzone.xen.FakeXenStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The zone commands' machine for tests: the fake hypervisor and xenstore, a PV dom0, recorded supervisor starts. */
final class FakeZoneEnvironment implements ZoneEnvironment {
    final FakeHypervisor xen;
    final FakeXenStore store = new FakeXenStore();
    final List<String> supervisors = new ArrayList<>();
    private final Path run;

    FakeZoneEnvironment(FakeHypervisor xen, Path run) {
        this.xen = xen;
        this.run = run;
    }

    @Override
    public XenHost open() {
        return new XenHost(xen, store, Optional.of(GuestType.PV), new RecordingDeviceModels(store), () -> { });
    }

    @Override
    public Path runDirectory() {
        return run;
    }

    @Override
    public long startSupervisor(String zone, int domid, Path spec) {
        supervisors.add(zone + " " + domid + " " + spec.getFileName());
        return 4242;
    }
}

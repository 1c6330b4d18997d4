package io.xzone.boot.launch;

import io.xzone.boot.layout.ZoneLayout;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.xen.XenStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A device model launcher for tests: instead of QEMU it does what QEMU does in xenstore (state = running) and records
 * starts and stops; {@link #failNextStart} makes the next start fail the way a QEMU that exits early does.
 */
public final class RecordingDeviceModels implements DeviceModelLauncher {
    private final XenStore store;
    private final List<String> events = new ArrayList<>();
    private boolean failNext;

    public RecordingDeviceModels(XenStore store) {
        this.store = store;
    }

    public void failNextStart() {
        failNext = true;
    }

    /** "start web", "stop web", in order. */
    public List<String> events() {
        return List.copyOf(events);
    }

    @Override
    public List<String> commandLine(ZoneSpec spec, int domid) {
        return new QemuDeviceModel(store, java.time.Duration.ofSeconds(1)).commandLine(spec, domid);
    }

    @Override
    public DeviceModel start(ZoneSpec spec, ZoneLayout layout) {
        events.add("start " + spec.name());
        if (failNext) {
            failNext = false;
            throw new LaunchStepException("QEMU exited with status 1: qemu: could not open disk image");
        }
        store.write(layout.deviceModelPath() + "/state", "running");
        store.write(layout.serialTtyPath(), "/dev/pts/9");
        return new DeviceModel() {
            @Override
            public Optional<String> serialPty() {
                return Optional.of("/dev/pts/9");
            }

            @Override
            public void stop() {
                events.add("stop " + spec.name());
            }
        };
    }
}

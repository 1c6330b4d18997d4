package io.xzone.boot.launch;

import io.xzone.boot.layout.ZoneLayout;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.xen.XenStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A device model launcher for tests: instead of QEMU it does what QEMU does in xenstore (state = running) and records
 * starts and stops.
 */
public final class RecordingDeviceModels implements DeviceModelLauncher {
    private final XenStore store;
    private final List<String> events = new ArrayList<>();

    public RecordingDeviceModels(XenStore store) {
        this.store = store;
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

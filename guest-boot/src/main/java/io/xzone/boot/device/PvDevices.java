package io.xzone.boot.device;

import io.xzone.boot.backend.GuestType;
import io.xzone.boot.spec.DiskSpec;
import io.xzone.boot.spec.ZoneSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The devices of a zone served by dom0's kernel backends: for PV and PVH one vbd per disk, numbered by its target; for
 * every type one vif per network (an HVM zone's disks are QEMU's; its vifs are libxl's vif_ioemu nics, see {@link
 * PvDevice#vif}).
 */
public final class PvDevices {
    private PvDevices() {
    }

    /**
     * @throws IllegalArgumentException for a disk name libxl cannot number (callers check {@link #unnumbered} first)
     */
    public static List<PvDevice> of(ZoneSpec spec, GuestType type, int domid) {
        List<PvDevice> devices = new ArrayList<>();
        for (DiskSpec disk : type == GuestType.HVM ? List.<DiskSpec>of() : spec.disks()) {
            int devid = VirtualDiskNumber.of(disk.target()).orElseThrow(() ->
                    new IllegalArgumentException("no device number for " + disk.target()));
            devices.add(PvDevice.disk(disk, devid, domid, type));
        }
        for (int i = 0; i < spec.networks().size(); i++) {
            devices.add(PvDevice.vif(spec.networks().get(i), i, domid, type));
        }
        return devices;
    }

    /** The first disk whose name libxl cannot turn into a device number (hde and beyond, sdq and beyond), if any. */
    public static java.util.Optional<DiskSpec> unnumbered(ZoneSpec spec) {
        return spec.disks().stream().filter(d -> VirtualDiskNumber.of(d.target()).isEmpty()).findFirst();
    }
}

package io.xzone.boot.device;

import io.xzone.boot.backend.GuestType;
import io.xzone.boot.layout.XsNode;
import io.xzone.boot.spec.DiskSpec;
import io.xzone.boot.spec.NetworkSpec;
import io.xzone.xen.XenStorePermission;
import io.xzone.xen.XenStorePermission.Access;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A paravirtual disk or vif as libxl 4.17 writes it (device_disk_add, libxl__device_add_async with
 * libxl__set_xenstore_nic, libxl__device_generic_add): the backend entries under dom0, the frontend entries under the
 * guest (guest-owned, dom0 may read; a few read-only to the guest), and libxl's copy of the backend entries under
 * /libxl, so xl block-list / network-list and xl destroy know the device.
 */
public record PvDevice(DeviceId id, Map<String, String> backend, Map<String, String> frontend,
                       Map<String, String> readOnlyFrontend) {
    /** Where libxl's hotplug scripts live on Debian (XEN_SCRIPT_DIR). */
    public static final Path SCRIPT_DIR = Path.of("/etc/xen/scripts");
    /** XenbusStateInitialising: what the toolstack writes into a new device's state nodes. */
    static final String INITIALISING = "1";
    private static final int BACKEND_DOMID = 0;
    /** The ABI a 64-bit PV guest's block frontend speaks (xc_domain_get_native_protocol). */
    private static final String PV_PROTOCOL = "x86_64-abi";
    private static final String MTU = "1500";
    /** libxl's nic type of an HVM guest's vif (libxl_nic_type VIF_IOEMU), in the backend's "type" node. */
    static final String EMULATED_NIC = "vif_ioemu";

    public PvDevice {
        // Kept in libxl's write order, which the nodes and --dry-run follow.
        backend = Collections.unmodifiableMap(new LinkedHashMap<>(backend));
        frontend = Collections.unmodifiableMap(new LinkedHashMap<>(frontend));
        readOnlyFrontend = Collections.unmodifiableMap(new LinkedHashMap<>(readOnlyFrontend));
    }

    /**
     * A disk served by blkback: libxl's "phy" backend for block devices and (on Linux) image files alike, the block
     * script putting a file on a loop device.
     */
    public static PvDevice disk(DiskSpec disk, int devid, int domid, GuestType type) {
        Map<String, String> back = new LinkedHashMap<>();
        back.put("params", disk.path().toString());
        back.put("script", SCRIPT_DIR.resolve("block").toString());
        back.put("frontend-id", Integer.toString(domid));
        back.put("online", "1");
        back.put("removable", "0");
        back.put("bootable", "1");
        back.put("state", INITIALISING);
        back.put("dev", disk.target());
        back.put("type", "phy");
        back.put("mode", disk.readOnly() ? "r" : "w");
        back.put("device-type", "disk");
        back.put("discard-enable", disk.readOnly() ? "0" : "1");
        back.put("specification", "xen");
        Map<String, String> front = new LinkedHashMap<>();
        front.put("backend-id", Integer.toString(BACKEND_DOMID));
        front.put("state", INITIALISING);
        front.put("virtual-device", Integer.toString(devid));
        front.put("device-type", "disk");
        front.put("trusted", "1");
        if (type == GuestType.PV) {
            // Frontends before Linux 2.6.26 needed the toolstack to name the ring protocol; libxl still writes it.
            front.put("protocol", PV_PROTOCOL);
        }
        return new PvDevice(new DeviceId(DeviceKind.VBD, domid, devid), back, front, Map.of());
    }

    /**
     * A vif served by netback and put on its bridge by vif-bridge; the guest sees the MAC, the MTU read-only. For an
     * HVM guest it is libxl's "vif_ioemu" nic: the same vif (for a guest with Xen's netfront, which unplugs the
     * emulated NIC) whose twin QEMU emulates on the tap vifD.N-emu, both put on the bridge by vif-bridge.
     */
    public static PvDevice vif(NetworkSpec vif, int devid, int domid, GuestType type) {
        Map<String, String> back = new LinkedHashMap<>();
        back.put("frontend-id", Integer.toString(domid));
        back.put("online", "1");
        back.put("state", INITIALISING);
        back.put("script", SCRIPT_DIR.resolve("vif-bridge").toString());
        back.put("mac", vif.mac());
        back.put("bridge", vif.bridge());
        back.put("handle", Integer.toString(devid));
        back.put("type", type == GuestType.HVM ? EMULATED_NIC : "vif");
        // Keeps netback from connecting before vif-bridge has put the vif on its bridge (the script writes "connected").
        back.put("hotplug-status", "");
        Map<String, String> front = new LinkedHashMap<>();
        front.put("backend-id", Integer.toString(BACKEND_DOMID));
        front.put("state", INITIALISING);
        front.put("handle", Integer.toString(devid));
        front.put("mac", vif.mac());
        front.put("trusted", "1");
        return new PvDevice(new DeviceId(DeviceKind.VIF, domid, devid), back, front, Map.of("mtu", MTU));
    }

    /** Whether QEMU emulates a twin of this vif on a tap, which the hotplug script puts on the bridge too. */
    public boolean hasEmulatedTwin() {
        return EMULATED_NIC.equals(backend.get("type"));
    }

    /** The hotplug script libxl would run for it. */
    public String script() {
        return backend.get("script");
    }

    /**
     * The nodes in write order, with libxl's permissions: the frontend directory owned by the guest and readable by
     * dom0, its entries likewise (read-only ones owned by dom0, readable by the guest); the backend directory owned by
     * dom0 and readable by the guest, its entries inheriting that; libxl's record inheriting /libxl's dom0-only ones.
     */
    public List<XsNode> nodes() {
        List<XenStorePermission> guestOwned = List.of(new XenStorePermission(id.domid(), Access.NONE),
                new XenStorePermission(BACKEND_DOMID, Access.READ));
        List<XenStorePermission> backendOwned = List.of(new XenStorePermission(BACKEND_DOMID, Access.NONE),
                new XenStorePermission(id.domid(), Access.READ));
        String front = id.frontendPath();
        String back = id.backendPath();
        String record = id.libxlPath();
        List<XsNode> nodes = new ArrayList<>();
        nodes.add(new XsNode(record + "/frontend", front, List.of()));
        nodes.add(new XsNode(record + "/backend", back, List.of()));
        nodes.add(new XsNode(front, "", guestOwned));
        nodes.add(new XsNode(front + "/backend", back, List.of()));
        frontend.entrySet().forEach(e -> nodes.add(new XsNode(front + "/" + e.getKey(), e.getValue(), guestOwned)));
        readOnlyFrontend.entrySet().forEach(e -> nodes.add(new XsNode(front + "/" + e.getKey(), e.getValue(), backendOwned)));
        nodes.add(new XsNode(back, "", backendOwned));
        nodes.add(new XsNode(back + "/frontend", front, List.of()));
        backend.entrySet().forEach(e -> nodes.add(new XsNode(back + "/" + e.getKey(), e.getValue(), List.of())));
        backend.entrySet().forEach(e -> nodes.add(new XsNode(record + "/" + e.getKey(), e.getValue(), List.of())));
        return nodes;
    }
}

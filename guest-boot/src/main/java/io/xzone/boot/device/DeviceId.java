package io.xzone.boot.device;

import io.xzone.boot.layout.XsTrees;
import io.xzone.xen.XenStoreAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One paravirtual device of a domain, served from dom0: where its frontend, backend and libxl's record of it live in
 * xenstore, and the environment its hotplug script runs with (libxl's get_hotplug_env).
 */
public record DeviceId(DeviceKind kind, int domid, int devid) {
    private static final int BACKEND_DOMID = 0;

    public String frontendPath() {
        return "/local/domain/" + domid + "/device/" + kind.xsName() + "/" + devid;
    }

    public String backendPath() {
        return "/local/domain/" + BACKEND_DOMID + "/" + relativeBackendPath();
    }

    /** libxl's copy of the device (frontend and backend paths and the backend's entries), read by xl block-list. */
    public String libxlPath() {
        return "/libxl/" + domid + "/device/" + kind.xsName() + "/" + devid;
    }

    /** The device in messages: its kind, devid and backend, e.g. "vbd 51712 (/local/domain/0/backend/vbd/3/51712)". */
    public String describe() {
        return kind.xsName() + " " + devid + " (" + backendPath() + ")";
    }

    /** The backend path relative to dom0's home, as hotplug scripts get it in XENBUS_PATH. */
    private String relativeBackendPath() {
        return "backend/" + kind.xsName() + "/" + domid + "/" + devid;
    }

    /** The name netback gives a vif in dom0: vifDOMID.DEVID. */
    public String vifName() {
        return "vif" + domid + "." + devid;
    }

    /** The tap QEMU creates for the emulated twin of an HVM guest's vif (libxl: NETBACK_NIC_NAME + "-emu"). */
    public String tapName() {
        return vifName() + "-emu";
    }

    /**
     * What libxl puts into a hotplug script's environment, on top of its own; for a vif with an emulated twin also the
     * tap's name in INTERFACE (libxl sets it for both of the script's runs, the vif's and the tap's).
     */
    public Map<String, String> hotplugEnvironment(String script, boolean emulatedTwin) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("script", script);
        env.put("XENBUS_TYPE", kind.xsName());
        env.put("XENBUS_PATH", relativeBackendPath());
        env.put("XENBUS_BASE_PATH", "backend");
        if (kind == DeviceKind.VIF) {
            env.put("netdev", "");
            if (emulatedTwin) {
                env.put("INTERFACE", tapName());
            }
            env.put("vif", vifName());
        }
        return env;
    }

    /** The vbd and vif devices libxl's records list for a domain (whichever toolstack attached them). */
    public static List<DeviceId> ofDomain(XenStoreAccess store, int domid) {
        List<DeviceId> devices = new ArrayList<>();
        for (DeviceKind kind : DeviceKind.values()) {
            for (String devid : XsTrees.children(store, "/libxl/" + domid + "/device/" + kind.xsName())) {
                if (devid.matches("\\d+")) {
                    devices.add(new DeviceId(kind, domid, Integer.parseInt(devid)));
                }
            }
        }
        return devices;
    }
}

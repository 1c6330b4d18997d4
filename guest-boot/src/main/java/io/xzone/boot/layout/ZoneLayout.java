package io.xzone.boot.layout;

import io.xzone.xen.XenStorePermission;
import io.xzone.boot.backend.GuestType;
import io.xzone.boot.spec.ZoneSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The xenstore nodes of one zone, laid out as libxl 4.17 lays them out (libxl__domain_make, libxl__build_post and
 * libxl__device_console_add), so xl list, xl console and xl destroy treat xzone's zones as their own. Nodes are
 * returned in write order: parents before children.
 */
public final class ZoneLayout {
    /** libxl's console ring limit (LIBXL_XENCONSOLE_LIMIT) and protocol. */
    static final String CONSOLE_LIMIT = "1048576";
    static final String CONSOLE_PROTOCOL = "vt100";
    /** XenbusStateInitialising: the console backend state libxl writes. */
    static final String XENBUS_INITIALISING = "1";
    private static final int DOM0 = 0;

    private final ZoneSpec spec;
    private final GuestType type;
    private final int domid;
    private final List<XenStorePermission> dom0Only;
    private final List<XenStorePermission> guestReads;
    private final List<XenStorePermission> guestOwns;

    public ZoneLayout(ZoneSpec spec, GuestType type, int domid) {
        this.spec = spec;
        this.type = type;
        this.domid = domid;
        // libxl's noperm, roperm and rwperm.
        this.dom0Only = List.of(new XenStorePermission(DOM0, XenStorePermission.Access.NONE));
        this.guestReads = List.of(new XenStorePermission(DOM0, XenStorePermission.Access.NONE), new XenStorePermission(domid, XenStorePermission.Access.READ));
        this.guestOwns = List.of(new XenStorePermission(domid, XenStorePermission.Access.NONE));
    }

    public String domainPath() {
        return "/local/domain/" + domid;
    }

    public String vmPath() {
        return "/vm/" + spec.uuid();
    }

    public String libxlPath() {
        return "/libxl/" + domid;
    }

    public String consoleBackendPath() {
        return consoleBackendsPath() + "/0";
    }

    /** All console backends of this domain under dom0; removed as a whole, as libxl's path cleanup leaves nothing. */
    public String consoleBackendsPath() {
        return "/local/domain/" + DOM0 + "/backend/console/" + domid;
    }

    /** All backends of one kind (vbd, vif) of this domain under dom0. */
    public String backendsPath(String kind) {
        return "/local/domain/" + DOM0 + "/backend/" + kind + "/" + domid;
    }

    /** Where QEMU (HVM) keeps its state for this domain, under dom0's area. */
    public String deviceModelPath() {
        return "/local/domain/" + DOM0 + "/device-model/" + domid;
    }

    /** The trees a launch creates; removing these undoes it (and is what xl destroy removes too). */
    public List<String> ownedTrees() {
        List<String> trees = new ArrayList<>(List.of(domainPath(), vmPath(), libxlPath(), consoleBackendsPath(),
                backendsPath("vbd"), backendsPath("vif")));
        if (type == GuestType.HVM) {
            trees.add(deviceModelPath());
        }
        return trees;
    }

    /** The skeleton written in one transaction right after the domain is created (libxl__domain_make). */
    public List<XsNode> skeleton() {
        String dom = domainPath();
        List<XsNode> nodes = new ArrayList<>();
        nodes.add(dir(dom, guestReads));
        nodes.add(dir(vmPath(), guestReads));
        nodes.add(dir(libxlPath(), dom0Only));
        nodes.add(dir(libxlPath() + "/device", dom0Only));
        nodes.add(value(dom + "/vm", vmPath()));
        nodes.add(value(dom + "/name", spec.name()));
        nodes.add(dir(dom + "/cpu", guestReads));
        nodes.add(dir(dom + "/memory", guestReads));
        nodes.add(dir(dom + "/device", guestReads));
        nodes.add(dir(dom + "/device/suspend/event-channel", guestOwns));
        nodes.add(dir(dom + "/control", guestReads));
        if (type == GuestType.HVM) {
            nodes.add(dir(dom + "/hvmloader", guestReads));
        }
        List<String> guestControl = new ArrayList<>(List.of("shutdown", "feature-poweroff", "feature-reboot", "feature-suspend"));
        if (type == GuestType.HVM) {
            guestControl.addAll(List.of("feature-s3", "feature-s4"));
        }
        guestControl.add("sysrq");
        for (String node : guestControl) {
            nodes.add(dir(dom + "/control/" + node, guestOwns));
        }
        for (String node : List.of("data", "drivers", "feature", "attr", "error")) {
            nodes.add(dir(dom + "/" + node, guestOwns));
        }
        nodes.add(value(vmPath() + "/uuid", spec.uuid().toString()));
        nodes.add(value(vmPath() + "/name", spec.name()));
        nodes.add(value(dom + "/control/platform-feature-multiprocessor-suspend", "1"));
        nodes.add(value(dom + "/control/platform-feature-xs_reset_watches", "1"));
        nodes.add(value(libxlPath() + "/type", type.cliName()));
        // xzone's own record, in dom0's private area (removed with it by xl destroy too).
        nodes.add(value(xzoneBackendPath(), spec.backend().specName()));
        return nodes;
    }

    /**
     * What is written once the image is built, before xs_introduce_domain (libxl__build_post): memory, vCPUs, the
     * store ring, and the /vm image entries.
     *
     * @param startTime seconds since the epoch with two decimals, as libxl writes start_time
     */
    public List<XsNode> built(Rings rings, String startTime) {
        String dom = domainPath();
        List<XsNode> nodes = new ArrayList<>();
        nodes.add(value(dom + "/memory/static-max", Long.toString(spec.maxmemMib() * 1024)));
        nodes.add(value(dom + "/memory/target", Long.toString(spec.memoryMib() * 1024)));
        nodes.add(value(dom + "/memory/videoram", "0"));
        nodes.add(value(dom + "/domid", Integer.toString(domid)));
        nodes.add(value(dom + "/store/port", rings.storePort()));
        nodes.add(value(dom + "/store/ring-ref", rings.storeRingRef()));
        for (int cpu = 0; cpu < spec.maxVcpus(); cpu++) {
            nodes.add(value(dom + "/cpu/" + cpu + "/availability", cpu < spec.vcpus() ? "online" : "offline"));
        }
        if (type == GuestType.HVM) {
            nodes.add(value(vmPath() + "/rtc/timeoffset", ""));
            nodes.add(value(vmPath() + "/image/ostype", "hvm"));
            for (String[] platform : new String[][] {{"acpi", "1"}, {"acpi_s3", "0"}, {"acpi_s4", "0"},
                    {"acpi_laptop_slate", "0"}, {"device-model", "qemu_xen"}}) {
                nodes.add(value(dom + "/platform/" + platform[0], platform[1]));
            }
        } else if (type == GuestType.PV) {
            nodes.add(value(vmPath() + "/image/ostype", "linux"));
            spec.kernel().ifPresent(k -> nodes.add(value(vmPath() + "/image/kernel", k.toString())));
            spec.ramdisk().ifPresent(r -> nodes.add(value(vmPath() + "/image/ramdisk", r.toString())));
            if (!spec.cmdline().isEmpty()) {
                nodes.add(value(vmPath() + "/image/cmdline", spec.cmdline()));
            }
        }
        nodes.add(value(vmPath() + "/start_time", startTime));
        return nodes;
    }

    /**
     * The primary console served by xenconsoled (libxl__device_console_add for console 0): the frontend under the
     * domain, read-only to the guest; the backend under dom0; libxl's own record of the device.
     */
    public List<XsNode> console(Rings rings) {
        String front = domainPath() + "/console";
        String back = consoleBackendPath();
        List<XenStorePermission> backendPerms = List.of(new XenStorePermission(DOM0, XenStorePermission.Access.NONE), new XenStorePermission(domid, XenStorePermission.Access.READ));
        List<XsNode> nodes = new ArrayList<>();
        nodes.add(value(libxlPath() + "/device/console/0/frontend", front));
        nodes.add(value(libxlPath() + "/device/console/0/backend", back));
        nodes.add(new XsNode(front, "", backendPerms));
        nodes.add(value(front + "/backend", back));
        nodes.add(new XsNode(front + "/backend-id", Integer.toString(DOM0), List.of(new XenStorePermission(domid, XenStorePermission.Access.NONE),
                new XenStorePermission(DOM0, XenStorePermission.Access.READ))));
        for (String[] entry : new String[][] {{"limit", CONSOLE_LIMIT}, {"type", "xenconsoled"}, {"output", "pty"},
                {"tty", ""}, {"port", rings.consolePort()}, {"ring-ref", rings.consoleRingRef()}}) {
            nodes.add(new XsNode(front + "/" + entry[0], entry[1], backendPerms));
        }
        nodes.add(new XsNode(back, "", backendPerms));
        nodes.add(value(back + "/frontend", front));
        for (String[] entry : new String[][] {{"frontend-id", Integer.toString(domid)}, {"online", "1"},
                {"state", XENBUS_INITIALISING}, {"protocol", CONSOLE_PROTOCOL}}) {
            nodes.add(value(back + "/" + entry[0], entry[1]));
        }
        return nodes;
    }

    /**
     * What an HVM zone's device model needs before QEMU starts (libxl__spawn_local_dm): hvmloader's BIOS choice and
     * QEMU's directory under dom0, where it reports "running" in state.
     */
    public List<XsNode> deviceModel() {
        return List.of(
                value(domainPath() + "/hvmloader/bios", spec.hvm().firmware().name().toLowerCase(java.util.Locale.ROOT)),
                value(domainPath() + "/hvmloader/allow-memory-relocate", "0"),
                value(libxlPath() + "/dm-version", "qemu_xen"),
                dir(deviceModelPath(), dom0Only));
    }

    /** The backend the zone's spec asked for (auto, pv, pvh, hvm), which `zone list` shows next to what runs. */
    public String xzoneBackendPath() {
        return libxlPath() + "/xzone/backend";
    }

    /** Where QEMU's pid is kept, so xl destroy can stop it too. */
    public String deviceModelPidPath() {
        return domainPath() + "/image/device-model-pid";
    }

    /** Where the pty of the emulated serial port is published (xl console -t serial reads it). */
    public String serialTtyPath() {
        return domainPath() + "/serial/0/tty";
    }

    private static XsNode dir(String path, List<XenStorePermission> perms) {
        return new XsNode(path, "", perms);
    }

    private static XsNode value(String path, String text) {
        return new XsNode(path, text, List.of());
    }
}

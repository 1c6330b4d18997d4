package io.xzone.boot.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Collects a zone's settings from a TOML file and/or command-line flags (a later setter wins, so flags override the
 * file), then validates all of them at once in {@link #build}. Every value remembers its {@link Origin} so an error
 * names the file and line, or the flag.
 */
public final class ZoneSpecBuilder {
    /** Xen's limit for a guest command line (MAX_GUEST_CMDLINE). */
    static final int MAX_CMDLINE = 1024;
    static final int MAX_NAME = 64;
    static final long MAX_MEMORY_MIB = 1L << 30;
    static final int MAX_VCPUS = 128;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern TARGET = Pattern.compile("(xvd|hd|sd)[a-z]{1,2}");
    private static final Pattern BRIDGE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Pattern MAC = Pattern.compile("\\p{XDigit}{2}(:\\p{XDigit}{2}){5}");
    private static final Pattern BOOT_ORDER = Pattern.compile("[cdn]{1,3}");

    private Sourced<String> name;
    private Sourced<String> uuid;
    private Sourced<Long> memory;
    private Sourced<Long> maxmem;
    private Sourced<Long> vcpus;
    private Sourced<Long> maxVcpus;
    private Sourced<Path> kernel;
    private Sourced<Path> ramdisk;
    private Sourced<String> cmdline;
    private Sourced<String> backend;
    private Sourced<String> cpus;
    private Sourced<String> onPoweroff;
    private Sourced<String> onReboot;
    private Sourced<String> onCrash;
    private Sourced<String> firmware;
    private Sourced<String> bootOrder;
    private Sourced<Boolean> serial;
    private final List<Sourced<RawDisk>> disks = new ArrayList<>();
    private final List<Sourced<RawNetwork>> networks = new ArrayList<>();

    /** A disk as written, before validation. */
    public record RawDisk(Path path, String kind, String target, boolean readOnly, boolean cdrom) {
    }

    /** A vif as written, before validation; mac may be null (one is generated), model too (libxl's rtl8139). */
    public record RawNetwork(String bridge, String mac, String model) {
        public RawNetwork(String bridge, String mac) {
            this(bridge, mac, null);
        }
    }

    public ZoneSpecBuilder name(String value, Origin origin) { name = new Sourced<>(value, origin); return this; }
    public ZoneSpecBuilder uuid(String value, Origin origin) { uuid = new Sourced<>(value, origin); return this; }
    public ZoneSpecBuilder memory(long mib, Origin origin) { memory = new Sourced<>(mib, origin); return this; }
    public ZoneSpecBuilder maxmem(long mib, Origin origin) { maxmem = new Sourced<>(mib, origin); return this; }
    public ZoneSpecBuilder vcpus(long count, Origin origin) { vcpus = new Sourced<>(count, origin); return this; }
    public ZoneSpecBuilder maxVcpus(long count, Origin origin) { maxVcpus = new Sourced<>(count, origin); return this; }
    public ZoneSpecBuilder kernel(Path file, Origin origin) { kernel = new Sourced<>(file, origin); return this; }
    public ZoneSpecBuilder ramdisk(Path file, Origin origin) { ramdisk = new Sourced<>(file, origin); return this; }
    public ZoneSpecBuilder cmdline(String value, Origin origin) { cmdline = new Sourced<>(value, origin); return this; }
    public ZoneSpecBuilder backend(String value, Origin origin) { backend = new Sourced<>(value, origin); return this; }
    public ZoneSpecBuilder cpus(String value, Origin origin) { cpus = new Sourced<>(value, origin); return this; }
    public ZoneSpecBuilder onPoweroff(String value, Origin origin) { onPoweroff = new Sourced<>(value, origin); return this; }
    public ZoneSpecBuilder onReboot(String value, Origin origin) { onReboot = new Sourced<>(value, origin); return this; }
    public ZoneSpecBuilder onCrash(String value, Origin origin) { onCrash = new Sourced<>(value, origin); return this; }
    public ZoneSpecBuilder firmware(String value, Origin origin) { firmware = new Sourced<>(value, origin); return this; }
    public ZoneSpecBuilder bootOrder(String value, Origin origin) { bootOrder = new Sourced<>(value, origin); return this; }
    public ZoneSpecBuilder serial(boolean value, Origin origin) { serial = new Sourced<>(value, origin); return this; }
    public ZoneSpecBuilder disk(RawDisk disk, Origin origin) { disks.add(new Sourced<>(disk, origin)); return this; }
    public ZoneSpecBuilder network(RawNetwork vif, Origin origin) { networks.add(new Sourced<>(vif, origin)); return this; }

    /**
     * Validates every field and returns the zone.
     *
     * @param existingNames names of the domains already running (a zone name must be unique on the host)
     * @throws SpecException naming the first bad field and where it came from
     */
    public ZoneSpec build(Set<String> existingNames) {
        String zoneName = validName(existingNames);
        VirtBackend virt = enumValue(backend, "backend", VirtBackend.class, VirtBackend.AUTO);
        long mem = positive(memory, "memory", 256, MAX_MEMORY_MIB, "MiB");
        long max = maxmem == null ? mem : positive(maxmem, "maxmem", mem, MAX_MEMORY_MIB, "MiB");
        if (max < mem) {
            throw new SpecException(maxmem.origin(), "maxmem", max + " MiB is less than memory (" + mem + " MiB)");
        }
        long cpuCount = positive(vcpus, "vcpus", 1, MAX_VCPUS, "vCPUs");
        long maxCpuCount = maxVcpus == null ? cpuCount : positive(maxVcpus, "maxvcpus", cpuCount, MAX_VCPUS, "vCPUs");
        if (maxCpuCount < cpuCount) {
            throw new SpecException(maxVcpus.origin(), "maxvcpus", maxCpuCount + " is less than vcpus (" + cpuCount + ")");
        }
        Optional<Path> kernelFile = validKernel(virt);
        Optional<Path> ramdiskFile = ramdisk == null ? Optional.empty() : Optional.of(readableFile(ramdisk, "ramdisk"));
        String commandLine = validCmdline();
        CpuSet pinning = validCpus();
        HvmOptions hvm = validHvmOptions(virt);
        List<DiskSpec> diskList = validDisks(virt);
        List<NetworkSpec> vifs = validNetworks();
        return new ZoneSpec(zoneName, validUuid(), mem, max, (int) cpuCount, (int) maxCpuCount, kernelFile, ramdiskFile,
                commandLine, virt, pinning, diskList, vifs,
                enumValue(onPoweroff, "on_poweroff", LifecycleAction.class, LifecycleAction.DESTROY),
                enumValue(onReboot, "on_reboot", LifecycleAction.class, LifecycleAction.RESTART),
                enumValue(onCrash, "on_crash", LifecycleAction.class, LifecycleAction.DESTROY),
                hvm);
    }

    private String validName(Set<String> existingNames) {
        if (name == null) {
            throw new SpecException("name: missing; give the zone a name (name = \"web\" in the spec, or -n web)");
        }
        String value = name.value();
        if (value.contains("/")) {
            throw new SpecException(name.origin(), "name", "'" + value + "' contains '/', which xenstore paths cannot hold");
        }
        if (value.length() > MAX_NAME) {
            throw new SpecException(name.origin(), "name", value.length() + " characters, at most " + MAX_NAME);
        }
        if (!NAME.matcher(value).matches()) {
            throw new SpecException(name.origin(), "name",
                    "'" + value + "' must start with a letter or digit and hold only letters, digits, '_', '.', '-'");
        }
        if (existingNames.contains(value)) {
            throw new SpecException(name.origin(), "name", "a domain named '" + value + "' already runs on this host");
        }
        return value;
    }

    private UUID validUuid() {
        if (uuid == null) {
            return UUID.randomUUID();
        }
        try {
            UUID parsed = UUID.fromString(uuid.value());
            if (!parsed.toString().equalsIgnoreCase(uuid.value())) {
                throw new IllegalArgumentException();
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new SpecException(uuid.origin(), "uuid", "'" + uuid.value() + "' is not a UUID like 0f8fad5b-d9cb-469f-a165-70867728950e");
        }
    }

    private static long positive(Sourced<Long> value, String field, long fallback, long limit, String unit) {
        if (value == null) {
            return fallback;
        }
        if (value.value() <= 0) {
            throw new SpecException(value.origin(), field, value.value() + " " + unit + "; must be positive");
        }
        if (value.value() > limit) {
            throw new SpecException(value.origin(), field, value.value() + " " + unit + "; at most " + limit);
        }
        return value.value();
    }

    private static <E extends Enum<E>> E enumValue(Sourced<String> value, String field, Class<E> type, E fallback) {
        if (value == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.value())) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name().toLowerCase(java.util.Locale.ROOT));
        }
        throw new SpecException(value.origin(), field, "unknown value '" + value.value() + "'; use one of " + String.join(", ", allowed));
    }

    private Optional<Path> validKernel(VirtBackend virt) {
        if (kernel == null) {
            if (virt == VirtBackend.HVM) {
                return Optional.empty();
            }
            throw new SpecException("kernel: missing; a " + virt.specName()
                    + " zone boots a kernel (kernel = \"vmlinux\" in the spec, or -k vmlinux)");
        }
        Path file = readableFile(kernel, "kernel");
        KernelImage.Format format;
        try {
            format = KernelImage.formatOf(file);
        } catch (IOException e) {
            throw new SpecException(kernel.origin(), "kernel", "cannot read " + file + ": " + e.getMessage());
        }
        if (virt == VirtBackend.HVM) {
            if (format == KernelImage.Format.OTHER) {
                throw new SpecException(kernel.origin(), "kernel", file + " is neither an ELF kernel nor a bzImage");
            }
        } else if (format != KernelImage.Format.ELF) {
            throw new SpecException(kernel.origin(), "kernel", file + " is not an ELF kernel; " + virt.specName()
                    + " zones boot an uncompressed vmlinux (a bzImage only boots as hvm)");
        }
        return Optional.of(file);
    }

    private static Path readableFile(Sourced<Path> value, String field) {
        Path file = value.value();
        if (!Files.exists(file)) {
            throw new SpecException(value.origin(), field, file + " does not exist");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new SpecException(value.origin(), field, file + " is not a readable file");
        }
        return file;
    }

    private String validCmdline() {
        if (cmdline == null) {
            return "";
        }
        String value = cmdline.value();
        if (value.length() >= MAX_CMDLINE) {
            throw new SpecException(cmdline.origin(), "cmdline", value.length() + " characters; Xen takes at most " + (MAX_CMDLINE - 1));
        }
        if (value.indexOf('\0') >= 0 || value.indexOf('\n') >= 0) {
            throw new SpecException(cmdline.origin(), "cmdline", "must be one line without NUL characters");
        }
        return value;
    }

    private CpuSet validCpus() {
        if (cpus == null) {
            return CpuSet.ANY;
        }
        try {
            return CpuSet.parse(cpus.value());
        } catch (IllegalArgumentException e) {
            throw new SpecException(cpus.origin(), "cpus", e.getMessage());
        }
    }

    private HvmOptions validHvmOptions(VirtBackend virt) {
        HvmOptions defaults = HvmOptions.defaults();
        for (Sourced<?> option : new Sourced<?>[] {firmware, bootOrder, serial}) {
            if (option != null && virt != VirtBackend.HVM) {
                throw new SpecException(option.origin(), "hvm", "firmware, boot and serial apply only to backend = \"hvm\", not "
                        + virt.specName());
            }
        }
        HvmOptions.Firmware bios = enumValue(firmware, "hvm.firmware", HvmOptions.Firmware.class, defaults.firmware());
        String order = defaults.bootOrder();
        if (bootOrder != null) {
            order = bootOrder.value();
            if (!BOOT_ORDER.matcher(order).matches() || order.chars().distinct().count() != order.length()) {
                throw new SpecException(bootOrder.origin(), "hvm.boot", "'" + order
                        + "' is not a boot order; use the letters c (disk), d (CD-ROM), n (network), each once, e.g. \"dc\"");
            }
        }
        return new HvmOptions(bios, order, serial == null ? defaults.serial() : serial.value());
    }

    private List<DiskSpec> validDisks(VirtBackend virt) {
        List<DiskSpec> result = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        for (Sourced<RawDisk> entry : disks) {
            RawDisk raw = entry.value();
            Origin at = entry.origin();
            if (raw.path() == null) {
                throw new SpecException(at, "disk.path", "missing; name the image file or block device");
            }
            if (!Files.exists(raw.path())) {
                throw new SpecException(at, "disk.path", raw.path() + " does not exist");
            }
            DiskSpec.Kind kind = enumValue(raw.kind() == null ? null : new Sourced<>(raw.kind(), at), "disk.kind",
                    DiskSpec.Kind.class, raw.path().startsWith("/dev/") ? DiskSpec.Kind.PHY : DiskSpec.Kind.FILE);
            if (kind == DiskSpec.Kind.FILE && !Files.isRegularFile(raw.path())) {
                throw new SpecException(at, "disk.path", raw.path() + " is not a regular file (use kind = \"phy\" for a block device)");
            }
            if (raw.target() == null || !TARGET.matcher(raw.target()).matches()) {
                throw new SpecException(at, "disk.target", "'" + raw.target() + "' is not a disk name like xvda, hda or sdb");
            }
            if (!targets.add(raw.target())) {
                throw new SpecException(at, "disk.target", raw.target() + " is used by two disks");
            }
            if (raw.cdrom() && virt != VirtBackend.HVM) {
                throw new SpecException(at, "disk.cdrom", "CD-ROMs are emulated by QEMU and need backend = \"hvm\", not " + virt.specName());
            }
            result.add(new DiskSpec(raw.path(), kind, raw.target(), raw.readOnly() || raw.cdrom(), raw.cdrom(), at));
        }
        return result;
    }

    private List<NetworkSpec> validNetworks() {
        List<NetworkSpec> result = new ArrayList<>();
        for (Sourced<RawNetwork> entry : networks) {
            RawNetwork raw = entry.value();
            if (raw.bridge() == null || !BRIDGE.matcher(raw.bridge()).matches()) {
                throw new SpecException(entry.origin(), "network.bridge", "'" + raw.bridge()
                        + "' is not a bridge name (1-15 letters, digits, '_', '.', '-')");
            }
            String mac = raw.mac() == null ? randomXenMac() : raw.mac().toLowerCase(java.util.Locale.ROOT);
            if (!MAC.matcher(mac).matches() || (Integer.parseInt(mac.substring(0, 2), 16) & 1) != 0) {
                throw new SpecException(entry.origin(), "network.mac", "'" + raw.mac() + "' is not a unicast MAC like 00:16:3e:12:34:56");
            }
            String model = raw.model() == null ? NetworkSpec.DEFAULT_MODEL : raw.model();
            // Checked for every backend (pv and pvh ignore it) so a spec stays valid when it moves to hvm; a known
            // name also keeps options (',', '=') from being smuggled into QEMU's -device argument.
            if (!NetworkSpec.MODELS.contains(model)) {
                throw new SpecException(entry.origin(), "network.model", "'" + raw.model()
                        + "' is not a QEMU NIC model for Xen HVM guests; use one of " + String.join(", ", NetworkSpec.MODELS));
            }
            result.add(new NetworkSpec(raw.bridge(), mac, model, entry.origin()));
        }
        return result;
    }

    /** A MAC in Xen's OUI 00:16:3e, as xl picks one. */
    private static String randomXenMac() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("00:16:3e:%02x:%02x:%02x", random.nextInt(128), random.nextInt(256), random.nextInt(256));
    }
}

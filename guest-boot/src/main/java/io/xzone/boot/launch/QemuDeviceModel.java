package io.xzone.boot.launch;

import io.xzone.boot.device.DeviceId;
import io.xzone.boot.device.DeviceKind;
import io.xzone.boot.layout.ZoneLayout;
import io.xzone.boot.spec.DiskSpec;
import io.xzone.boot.spec.NetworkSpec;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.xen.XenException;
import io.xzone.xen.XenStore;
import io.xzone.xen.XenStoreWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QEMU from Debian's qemu-system-xen as libxl 4.17 starts it for an HVM guest: machine xenfv, no default devices, no
 * display and no VGA, IDE disks and CD-ROMs, a NIC on a tap per vif, the boot order, the serial port on a pty, the
 * spec's kernel booted directly. It runs in its own session with its output in /var/log/xen/qemu-dm-NAME.log, so it outlives xzone; it
 * reports readiness by writing "running" to /local/domain/0/device-model/D/state.
 */
public final class QemuDeviceModel implements DeviceModelLauncher {
    public static final Path QEMU = Path.of("/usr/libexec/xen-qemu-system-i386");
    private static final Path LOG_DIR = Path.of("/var/log/xen");
    private static final Pattern PTY = Pattern.compile("char device redirected to (/dev/pts/\\d+) \\(label serial0\\)");
    private static final Logger LOG = LoggerFactory.getLogger(QemuDeviceModel.class);

    private final XenStore store;
    private final Duration readyTimeout;
    private final Path qemu;
    private final Path logDir;

    /** @param readyTimeout how long QEMU may take to report "running" (minutes under software emulation) */
    public QemuDeviceModel(XenStore store, Duration readyTimeout) {
        this(store, readyTimeout, QEMU, LOG_DIR);
    }

    /**
     * A device model from another binary (libxl's device_model_override), logging to {@code logDir}.
     *
     * @param qemu what runs with QEMU's command line; it must write "running" to device-model/D/state as QEMU does
     */
    public QemuDeviceModel(XenStore store, Duration readyTimeout, Path qemu, Path logDir) {
        this.store = store;
        this.readyTimeout = readyTimeout;
        this.qemu = qemu;
        this.logDir = logDir;
    }

    @Override
    public List<String> commandLine(ZoneSpec spec, int domid) {
        List<String> args = new ArrayList<>(List.of(qemu.toString(), "-xen-domid", Integer.toString(domid), "-no-shutdown",
                "-nodefaults", "-no-user-config", "-name", spec.name(), "-display", "none"));
        if (spec.hvm().serial()) {
            args.addAll(List.of("-serial", "pty"));
        }
        args.addAll(List.of("-boot", "order=" + spec.hvm().bootOrder()));
        if (spec.maxVcpus() > 1) {
            args.addAll(List.of("-smp", spec.vcpus() + ",maxcpus=" + spec.maxVcpus()));
        }
        args.addAll(nicArgs(spec.networks(), domid));
        args.addAll(List.of("-machine", "xenfv,suppress-vmdesc=on", "-m", Long.toString(spec.maxmemMib())));
        spec.kernel().ifPresent(k -> args.addAll(List.of("-kernel", k.toString())));
        spec.ramdisk().ifPresent(r -> args.addAll(List.of("-initrd", r.toString())));
        if (spec.kernel().isPresent() && !spec.cmdline().isEmpty()) {
            args.addAll(List.of("-append", spec.cmdline()));
        }
        for (DiskSpec disk : spec.disks()) {
            args.addAll(driveArgs(disk));
        }
        return args;
    }

    /**
     * One emulated NIC per vif, as libxl's nic arguments: the model with the vif's MAC on a tap named like netback's
     * vif plus "-emu", which QEMU creates without running a script (vif-bridge puts it on the bridge afterwards);
     * "-net none" when there is none, so QEMU adds no default NIC.
     */
    static List<String> nicArgs(List<NetworkSpec> vifs, int domid) {
        if (vifs.isEmpty()) {
            return List.of("-net", "none");
        }
        List<String> args = new ArrayList<>();
        for (int devid = 0; devid < vifs.size(); devid++) {
            NetworkSpec vif = vifs.get(devid);
            String tap = new DeviceId(DeviceKind.VIF, domid, devid).tapName();
            args.addAll(List.of("-device", vif.model() + ",id=nic" + devid + ",netdev=net" + devid + ",mac=" + vif.mac(),
                    "-netdev", "type=tap,id=net" + devid + ",ifname=" + tap + ",br=" + vif.bridge()
                            + ",script=no,downscript=no"));
        }
        return args;
    }

    /** IDE disk number from hdX / xvdX / sdX: a=0 ... d=3; bus = n/2, unit = n%2 as libxl maps them. */
    private static List<String> driveArgs(DiskSpec disk) {
        int index = disk.target().charAt(disk.target().length() - 1) - 'a';
        String file = disk.path().toString().replace(",", ",,");
        if (disk.cdrom()) {
            String id = "ide-" + index;
            return List.of("-drive", "if=none,readonly=on,id=" + id + ",file=" + file + ",format=raw",
                    "-device", "ide-cd,id=" + id + ",drive=" + id + ",bus=ide." + index / 2 + ",unit=" + index % 2);
        }
        return List.of("-drive", "file=" + file + ",if=ide,index=" + index + ",media=disk,format=raw,cache=writeback"
                + (disk.readOnly() ? ",readonly=on" : ""));
    }

    @Override
    public DeviceModel start(ZoneSpec spec, ZoneLayout layout) {
        int domid = Integer.parseInt(layout.domainPath().substring(layout.domainPath().lastIndexOf('/') + 1));
        List<String> command = new ArrayList<>(commandLine(spec, domid));
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(0, setsid.toString());
        }
        Path log = logDir.resolve("qemu-dm-" + spec.name() + ".log");
        Process process;
        try {
            Files.createDirectories(logDir);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("XEN_DOMAIN_ID", Integer.toString(domid));
            LOG.info("starting device model: {}", String.join(" ", command));
            process = builder.start();
        } catch (IOException e) {
            throw new LaunchStepException("cannot start " + qemu + " (package qemu-system-xen): " + e.getMessage(), e);
        }
        Running running = new Running(process, log);
        try {
            awaitRunning(layout, process, log);
            store.write(layout.deviceModelPidPath(), Long.toString(process.pid()));
            running.serialPty().ifPresent(pty -> store.write(layout.serialTtyPath(), pty));
        } catch (RuntimeException e) {
            running.stop();
            throw e;
        }
        return running;
    }

    /** Waits for QEMU's "running" in xenstore; a QEMU that exits first fails the step at once, with its last words. */
    private void awaitRunning(ZoneLayout layout, Process process, Path log) {
        String state = layout.deviceModelPath() + "/state";
        BooleanSupplier running = () -> {
            if (store.read(state).map("running"::equals).orElse(false)) {
                return true;
            }
            if (!process.isAlive()) {
                throw new LaunchStepException("QEMU exited with status " + process.exitValue() + ": " + lastLine(log));
            }
            return false;
        };
        try (XenStoreWatch watch = store.watch(state)) {
            if (!watch.awaitUntil(running, readyTimeout, Duration.ofSeconds(1))) {
                throw new LaunchStepException("QEMU did not report running within " + readyTimeout.toSeconds()
                        + " s (see " + log + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchStepException("interrupted while waiting for QEMU");
        } catch (XenException e) {
            throw new LaunchStepException("watching " + state + ": " + e.getMessage(), e);
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A started QEMU. */
    private static final class Running implements DeviceModel {
        private final Process process;
        private final Path log;

        Running(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        @Override
        public Optional<String> serialPty() {
            try {
                Matcher m = PTY.matcher(Files.readString(log));
                return m.find() ? Optional.of(m.group(1)) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        @Override
        public void stop() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}

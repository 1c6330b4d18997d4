package io.xzone.cli.zone;

import io.xzone.boot.launch.QemuDeviceModel;
import io.xzone.cli.XenAccess;
import io.xzone.xen.JnaXenStore;
import io.xzone.xen.Hypervisor;
import io.xzone.xen.XenStore;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * This dom0: libxenctrl and libxenstore through the bindings, QEMU from qemu-system-xen for HVM, specs under
 * /run/xzone, and each zone's supervisor a background {@code xzone zone supervise} in its own session, logging to
 * /var/log/xen/xzone-supervise-NAME.log.
 */
public final class LocalZoneEnvironment implements ZoneEnvironment {
    /** QEMU under software emulation (the lab) takes far longer than on hardware to come up. */
    private static final Duration DEVICE_MODEL_TIMEOUT = Duration.ofMinutes(10);
    private static final Path RUN = Path.of("/run/xzone");
    private static final Path LOGS = Path.of("/var/log/xen");

    @Override
    public XenHost open() {
        Hypervisor xen = XenAccess.system().openHypervisor();
        return connect(xen, xen::close);
    }

    /**
     * This dom0 with a hypervisor handle the caller already has: connects to xenstore; closing the host closes
     * xenstore, then runs {@code releaseXen} (which closes the handle, or keeps it for the next command).
     */
    public XenHost connect(Hypervisor xen, Runnable releaseXen) {
        try {
            XenStore store = JnaXenStore.open();
            return new XenHost(xen, store, XenAccess.system().dom0GuestType(), new QemuDeviceModel(store, DEVICE_MODEL_TIMEOUT),
                    () -> {
                        try {
                            store.close();
                        } finally {
                            releaseXen.run();
                        }
                    });
        } catch (RuntimeException e) {
            releaseXen.run();
            throw e;
        }
    }

    @Override
    public Path runDirectory() {
        return RUN;
    }

    @Override
    public long startSupervisor(String zone, int domid, Path spec) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(setsid.toString());
        }
        command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), "io.xzone.cli.Xzone",
                "zone", "supervise", "--domid", Integer.toString(domid), spec.toString()));
        try {
            Files.createDirectories(LOGS);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(LOGS.resolve("xzone-supervise-" + zone + ".log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            return process.pid();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the supervisor of " + zone + ": " + e.getMessage(), e);
        }
    }
}

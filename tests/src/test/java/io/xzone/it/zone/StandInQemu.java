package io.xzone.it.zone;

import io.xzone.boot.launch.DeviceModelLauncher;
import io.xzone.boot.launch.QemuDeviceModel;
import io.xzone.it.xenstored.Xenstored;
import io.xzone.xen.XenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * A shell script in QEMU's place, so the real {@link QemuDeviceModel} (start, the watch for "running", pid and serial
 * pty nodes, stop) runs without Xen: like qemu-system-xen it prints where its serial port went and writes "running" to
 * device-model/D/state on the harness's xenstored, then waits to be stopped. Each run leaves a file named after its
 * pid, so a test can tell whether a device model outlived its launch.
 */
final class StandInQemu {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final Path dir;
    private final Path script;

    StandInQemu(Path dir, Xenstored daemon) {
        this.dir = dir;
        this.script = dir.resolve("qemu");
        // QEMU's command line starts "-xen-domid D".
        String text = String.join("\n",
                "#!/bin/sh",
                "touch " + dir + "/pid-$$",
                "echo 'char device redirected to /dev/pts/99 (label serial0)'",
                "XENSTORED_PATH=" + daemon.socket() + " xenstore-write /local/domain/0/device-model/$2/state running || exit 1",
                "exec sleep 600",
                "");
        try {
            Files.writeString(script, text);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real device model launcher, running this script. */
    DeviceModelLauncher launcher(XenStore store) {
        return new QemuDeviceModel(store, READY_TIMEOUT, script, dir);
    }

    /** Stand-ins that still run. */
    List<Long> running() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("pid-"))
                    .map(f -> Long.parseLong(f.getFileName().toString().substring(4)))
                    .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

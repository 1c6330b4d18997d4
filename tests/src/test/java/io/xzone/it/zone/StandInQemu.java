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
import java.util.ArrayList;
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
    /** What {@link #dying} prints as its last line. */
    static final String DYING_WORDS = "qemu-system-i386: -device e1001: e1001 is not a valid device model name";

    private final Path dir;
    private final Path script;

    StandInQemu(Path dir, Xenstored daemon) {
        // QEMU's command line starts "-xen-domid D".
        this(dir, List.of(
                "echo 'char device redirected to /dev/pts/99 (label serial0)'",
                "XENSTORED_PATH=" + daemon.socket() + " xenstore-write /local/domain/0/device-model/$2/state running || exit 1",
                "exec sleep 600"));
    }

    private StandInQemu(Path dir, List<String> body) {
        this.dir = dir;
        this.script = dir.resolve("qemu");
        List<String> lines = new ArrayList<>(List.of("#!/bin/sh", "touch " + dir + "/pid-$$"));
        lines.addAll(body);
        try {
            Files.writeString(script, String.join("\n", lines) + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stand-in that exits before it reports running, as QEMU does on an option it does not know. */
    static StandInQemu dying(Path dir) {
        return new StandInQemu(dir, List.of("echo '" + DYING_WORDS + "'", "exit 3"));
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

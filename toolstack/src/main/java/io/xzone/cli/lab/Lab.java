package io.xzone.cli.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A booted Xen lab: Xen 4.17 and a Debian dom0 in QEMU (TCG), running scripts in dom0 one after another.
 *
 * <p>In dom0: {@code xl}, {@code xenstore-*}, {@code java} and {@code xzone} (this project's jar) on PATH; the project
 * read-only at /xzone; the tiny guest at /lab/guest/{vmlinux,bzImage,initrd.cpio}; /lab/share writable and visible on the
 * host at {@link #hostShare()}; guest consoles logged by xenconsoled to /var/log/xen/console/guest-NAME.log. dom0 runs
 * alone on CPU 0: give guests {@code cpus = "1"}.
 */
public final class Lab implements AutoCloseable {
    /** In dom0: the tiny guest's uncompressed kernel, for PV and PVH guests. */
    public static final String GUEST_VMLINUX = "/lab/guest/" + GuestImages.VMLINUX;
    /** In dom0: the tiny guest's compressed kernel, for HVM guests. */
    public static final String GUEST_BZIMAGE = "/lab/guest/" + GuestImages.BZIMAGE;
    /** In dom0: the tiny guest's initrd. */
    public static final String GUEST_INITRD = "/lab/guest/" + GuestImages.INITRD;
    /** In dom0: the folder scripts run in, which the host sees at {@link #hostShare()}. */
    public static final String SHARE = "/lab/share";
    /** In dom0: where xenconsoled logs each guest's console, as guest-NAME.log. */
    public static final String GUEST_CONSOLE_LOGS = "/var/log/xen/console";
    /** How long a script may run unless the caller says otherwise. */
    public static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(10);
    /** Serial lines shown when something fails. */
    public static final int TAIL_LINES = 50;
    private static final Logger LOG = LoggerFactory.getLogger(Lab.class);
    private static final Duration BANNER_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POWEROFF_TIMEOUT = Duration.ofSeconds(30);
    private static final Path JVMS = Path.of("/usr/lib/jvm");
    private static final Path DEBIAN_JVM = JVMS.resolve("java-17-openjdk-amd64");

    private final LabConfig config;
    private final LabListener listener;
    private final Process qemu;
    private final SerialConsole serial;
    private final JobExchange exchange;
    private boolean closed;

    private Lab(LabConfig config, LabListener listener, Process qemu, SerialConsole serial, JobExchange exchange) {
        this.config = config;
        this.listener = listener;
        this.qemu = qemu;
        this.serial = serial;
        this.exchange = exchange;
    }

    /** Builds what is missing from the cache, boots the machine and waits until dom0's job agent runs. */
    public static Lab boot(LabConfig config, LabOptions options) {
        try {
            return bootOrFail(config, options);
        } catch (IOException e) {
            throw LabException.failed("the lab could not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LabException.failed("interrupted while the lab was starting", e);
        }
    }

    private static Lab bootOrFail(LabConfig config, LabOptions options) throws IOException, InterruptedException {
        LabListener listener = options.listener();
        long start = System.nanoTime();
        Map<String, String> versions = HostPrerequisites.ofThisHost().check();
        Path qemuBinary = HostPrerequisites.qemu();
        HostKernel kernel = HostKernel.find();
        Path javaHome = dom0Java();
        QemuCommand.BootFiles boot = buildImages(options.cache(), versions, kernel, javaHome, listener, start);

        Path run = Files.createDirectories(options.runs().resolve(config.slug() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT))));
        JobExchange exchange = new JobExchange(run.resolve("exchange"));
        List<QemuCommand.Share> shares = List.of(
                new QemuCommand.Share("xzone", options.projectRoot(), true),
                new QemuCommand.Share("jvm", JVMS, true),
                new QemuCommand.Share("guest", boot.dom0Kernel().getParent(), true),
                new QemuCommand.Share("exchange", run.resolve("exchange"), false));
        List<String> argv = QemuCommand.compose(qemuBinary, config, boot, shares);
        LOG.debug("starting {}", argv);
        SerialConsole serial = new SerialConsole(run.resolve("serial.log"));
        long qemuStart = System.nanoTime();
        Process qemu = new ProcessBuilder(argv).redirectErrorStream(true).start();
        serial.follow(qemu.getInputStream());
        listener.phase("lab: QEMU started (" + config + ", pid " + qemu.pid() + ", log " + serial.logFile() + ")");
        Lab lab = new Lab(config, listener, qemu, serial, exchange);
        try {
            lab.awaitBoot(options.bootTimeout(), qemuStart);
        } catch (RuntimeException | InterruptedException e) {
            lab.close();
            throw e;
        }
        listener.phase("lab: ready " + seconds(Duration.ofNanos(System.nanoTime() - start)) + " after the start");
        return lab;
    }

    private static QemuCommand.BootFiles buildImages(LabCache cache, Map<String, String> versions, HostKernel kernel,
            Path javaHome, LabListener listener, long start) throws IOException {
        LabCache.Artifact xen = cache.artifact("xen", LabCache.fingerprint(versions.get("xen-hypervisor-4.17-amd64"),
                HostPrerequisites.XEN_IMAGE.toString()), Lab::gunzipXen);
        LabCache.Artifact guest = GuestImages.buildArtifact(cache, kernel, versions.get("busybox-static"));
        Dom0Initramfs dom0 = new Dom0Initramfs(kernel, javaHome);
        LabCache.Artifact initramfs = cache.artifact("dom0", dom0.fingerprint(versions), dom0::build);
        Map<String, LabCache.Artifact> artifacts = new LinkedHashMap<>();
        artifacts.put("xen", xen);
        artifacts.put("guest", guest);
        artifacts.put("dom0", initramfs);
        List<String> rebuilt = new ArrayList<>();
        for (Map.Entry<String, LabCache.Artifact> a : artifacts.entrySet()) {
            if (a.getValue().rebuilt()) {
                rebuilt.add(a.getKey() + " " + seconds(a.getValue().took()));
            }
        }
        listener.phase("lab: images " + (rebuilt.isEmpty() ? "cached" : "rebuilt (" + String.join(", ", rebuilt) + ")")
                + " in " + seconds(Duration.ofNanos(System.nanoTime() - start)) + ", cache " + cache.root());
        return new QemuCommand.BootFiles(xen.folder().resolve("xen.elf"), guest.folder().resolve(GuestImages.VMLINUX),
                initramfs.folder().resolve(Dom0Initramfs.FILE));
    }

    private static void gunzipXen(Path folder) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(HostPrerequisites.XEN_IMAGE));
             OutputStream out = Files.newOutputStream(folder.resolve("xen.elf"))) {
            in.transferTo(out);
        }
    }

    /** Debian's OpenJDK 17 (the package the build uses), else the JVM running this code if it lives in /usr/lib/jvm. */
    private static Path dom0Java() throws IOException {
        if (Files.isExecutable(DEBIAN_JVM.resolve("bin/java"))) {
            return DEBIAN_JVM;
        }
        Path running = Path.of(System.getProperty("java.home")).toRealPath();
        if (running.startsWith(JVMS)) {
            return running;
        }
        throw LabException.hostLacks("no JVM in " + JVMS + " to share with dom0 (package openjdk-17-jdk-headless; "
                + "bin/setup-host installs it)");
    }

    private void awaitBoot(Duration timeout, long qemuStart) throws InterruptedException {
        Optional<String> banner = serial.await(line -> line.contains("Xen version"), 0, BANNER_TIMEOUT, qemu::isAlive);
        if (banner.isEmpty()) {
            throw bootFailure("Xen did not start (no banner)");
        }
        listener.phase("lab: Xen banner " + seconds(Duration.ofNanos(System.nanoTime() - qemuStart)) + " after QEMU start");
        Optional<String> ready = serial.await(line -> line.contains("XZONE-LAB-READY") || line.contains("XZONE-LAB-FAILED")
                || line.contains("Panic on CPU"), 0, timeout, qemu::isAlive);
        if (ready.isEmpty() || !ready.get().contains("XZONE-LAB-READY")) {
            throw bootFailure(ready.map(line -> "dom0 failed: " + line.strip())
                    .orElse(qemu.isAlive() ? "dom0 not ready after " + seconds(timeout) : "the machine stopped"));
        }
        listener.phase("lab: dom0 ready " + seconds(Duration.ofNanos(System.nanoTime() - qemuStart)) + " after QEMU start");
    }

    private LabException bootFailure(String reason) {
        showSerialTail();
        return LabException.failed("the lab did not boot: " + reason + " (whole serial log: " + serial.logFile() + ")");
    }

    /** Runs a shell script in dom0 with the default timeout; see {@link #run(String, Duration)}. */
    public ScriptResult run(String script) {
        return run(script, SCRIPT_TIMEOUT);
    }

    /**
     * Runs a shell script in dom0 (busybox sh, working folder /lab/share) and returns its status, output and duration.
     * If it fails while dom0's serial log shows the known TCG flake (a dom0 process segfault), it runs once more and the
     * result names the flake. A script that fails otherwise is returned as is; a lab that dies throws.
     */
    public ScriptResult run(String script, Duration timeout) {
        if (closed) {
            throw new IllegalStateException("the lab is closed");
        }
        try {
            ScriptResult result = FlakeRetry.run(() -> exchange.run(script, timeout, listener, qemu::isAlive),
                    serial, listener);
            listener.phase("lab: script " + result.summary());
            return result;
        } catch (LabException e) {
            showSerialTail();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LabException.failed("interrupted while a script ran in the lab", e);
        } catch (Exception e) {
            throw LabException.failed("cannot exchange a script with dom0: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the script and fails unless it exits 0: the exception names the script's status and output, and the last
     * {@value #TAIL_LINES} serial lines are shown.
     */
    public ScriptResult runOk(String script) {
        ScriptResult result = run(script);
        if (!result.ok()) {
            showSerialTail();
            throw LabException.failed("script " + result.summary() + " in the lab; its output:\n" + result.output()
                    + "(whole serial log: " + serial.logFile() + ")");
        }
        return result;
    }

    /** The host folder that dom0 sees as /lab/share (read files a script wrote there). */
    public Path hostShare() {
        return exchange.share();
    }

    /** The whole serial log of this boot (Xen and dom0 kernel messages). */
    public Path serialLog() {
        return serial.logFile();
    }

    /** The last lines of the serial log. */
    public List<String> serialTail(int lines) {
        return serial.lastLines(lines);
    }

    public LabConfig config() {
        return config;
    }

    private void showSerialTail() {
        listener.phase("lab: last " + TAIL_LINES + " lines of the serial log (" + serial.logFile() + "):");
        serial.lastLines(TAIL_LINES).forEach(line -> listener.phase("  | " + line));
    }

    /** Powers dom0 off (QEMU then ends) and stops QEMU by force if it does not. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long start = System.nanoTime();
        try {
            if (qemu.isAlive()) {
                exchange.requestPoweroff();
                if (!qemu.waitFor(POWEROFF_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    qemu.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            qemu.destroyForcibly();
        } catch (InterruptedException e) {
            qemu.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        listener.phase("lab: stopped in " + seconds(Duration.ofNanos(System.nanoTime() - start)));
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}

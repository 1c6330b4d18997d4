package io.xzone.cli.zone;

import io.xzone.boot.launch.LaunchPlan;
import io.xzone.boot.launch.LaunchedZone;
import io.xzone.boot.spec.Origin;
import io.xzone.boot.spec.SpecException;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.boot.spec.ZoneSpecBuilder;
import io.xzone.boot.spec.ZoneSpecFile;
import io.xzone.boot.spec.ZoneSpecWriter;
import io.xzone.cli.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xzone zone launch}: builds and starts a zone from a spec file and/or flags, all or nothing. */
@Command(name = "launch",
        sortOptions = false,
        description = {
            "Launches a zone as a PV, PVH or HVM domain from a TOML spec and/or flags (flags override the file).",
            "-V auto (the default) follows dom0: PVH when dom0 booted PVH, else PV. An explicit pvh/hvm on a host",
            "without VT-x/AMD-V, or pvh with a kernel lacking the PVH entry note, stops before creating anything.",
            "PV/PVH disks and vifs ([[disk]], [[network]]) go to dom0's blkback/netback, with Xen's block and vif-bridge",
            "hotplug scripts run as libxl runs them; HVM disks to QEMU, HVM vifs to QEMU as an emulated NIC (model, default",
            "rtl8139) on the tap vifD.N-emu plus netback's vifD.N, both put on the bridge by vif-bridge. A vif on a bridge",
            "dom0 lacks or a NIC model QEMU does not emulate (the error lists the models) is refused (exit 2), a disk",
            "xzone cannot attach too (exit 4), before anything is created.",
            "Any failure undoes the launch (devices, domain, xenstore nodes, event channels) and names the build step.",
            "A background supervisor then carries out on_poweroff/on_reboot/on_crash.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  xzone zone launch -V pvh -n web -m 512 -c 2 -k vmlinux -i initrd.img --cmdline \"console=hvc0\"",
            "  xzone zone launch samples/zones/tiny-pv.toml",
            "  xzone zone launch -V pv -n tiny -k /lab/guest/vmlinux -i /lab/guest/initrd.cpio --cpus 1 --cmdline console=hvc0",
            "  xzone zone launch --dry-run samples/zones/web.toml      print the plan, touch nothing",
            "  xzone zone launch --dry-run samples/zones/installer-hvm.toml   HVM: QEMU's -device/-netdev for its vif",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:The zone runs.",
            "1:A build step failed; everything it had created was removed (the message names the step).",
            "2:Bad spec or flag (e.g. a NIC model QEMU lacks), or a vif on a bridge dom0 lacks (the message names file:line or the flag).",
            "3:Xen is not reachable.",
            "4:The host or kernel cannot run the requested backend, or xzone cannot attach a disk of the spec to it; nothing was created.",
        })
public final class ZoneLaunchCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "Zone spec file (TOML); optional when flags name the zone and kernel.")
    Path specFile;

    @Option(names = {"-V", "--virt-backend"}, paramLabel = "BACKEND",
            description = "auto, pv, pvh or hvm (default: the spec's backend, else auto).")
    String backend;

    @Option(names = {"-n", "--name"}, description = "Zone name (unique on the host, at most 64 characters, no '/').")
    String name;

    @Option(names = {"-m", "--memory"}, paramLabel = "MiB", description = "Memory in MiB (default 256).")
    Long memory;

    @Option(names = "--maxmem", paramLabel = "MiB", description = "Memory the zone may grow to, in MiB (default: --memory).")
    Long maxmem;

    @Option(names = {"-c", "--vcpus"}, description = "Virtual CPUs (default 1).")
    Long vcpus;

    @Option(names = "--maxvcpus", description = "vCPUs the zone may hot-plug up to (default: --vcpus).")
    Long maxVcpus;

    @Option(names = {"-k", "--kernel"}, description = "Kernel: an ELF vmlinux for pv/pvh; for hvm a bzImage QEMU boots directly.")
    Path kernel;

    @Option(names = {"-i", "--ramdisk"}, description = "Initial ramdisk.")
    Path ramdisk;

    @Option(names = "--cmdline", description = "Kernel command line, e.g. \"console=hvc0\".")
    String cmdline;

    @Option(names = "--cpus", description = "Physical CPUs the vCPUs may run on, e.g. 1 or 0-3.")
    String cpus;

    @Option(names = "--uuid", description = "The zone's UUID (default: the spec's, else a new one).")
    String uuid;

    @Option(names = "--on-poweroff", paramLabel = "ACTION", description = "destroy, restart or preserve (default destroy).")
    String onPoweroff;

    @Option(names = "--on-reboot", paramLabel = "ACTION", description = "destroy, restart or preserve (default restart).")
    String onReboot;

    @Option(names = "--on-crash", paramLabel = "ACTION", description = "destroy, restart or preserve (default destroy).")
    String onCrash;

    @Option(names = "--dry-run", description = "Print the plan (backend and why, domain config, build steps, xenstore nodes) and touch nothing.")
    boolean dryRun;

    @Option(names = "--no-supervise", description = "Do not start the supervisor: on_poweroff/on_reboot/on_crash are not carried out (nor by a daemon started later).")
    boolean noSupervise;

    @Spec
    CommandSpec spec;

    private final ZoneEnvironment environment;

    public ZoneLaunchCommand() {
        this(new LocalZoneEnvironment());
    }

    public ZoneLaunchCommand(ZoneEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        ZoneSpecBuilder builder = ZoneFailures.translate(this::builder);
        try (XenHost host = ZoneFailures.translate(environment::open)) {
            ZoneSpec zone = ZoneFailures.translate(() -> builder.build(new HashSet<>(host.inventory().names())));
            PrintWriter out = spec.commandLine().getOut();
            if (dryRun) {
                LaunchPlan plan = ZoneFailures.translate(() -> host.launcher().plan(zone));
                plan.render().forEach(out::println);
                return ExitCode.OK;
            }
            LaunchedZone launched = ZoneFailures.translate(() -> host.launcher().launch(zone));
            out.println("zone " + launched.name() + " runs as " + launched.type() + " domain " + launched.domid());
            if (noSupervise) {
                forgetSavedSpec(zone);
            } else {
                supervise(zone, launched.domid(), out);
            }
            return ExitCode.OK;
        }
    }

    private void supervise(ZoneSpec zone, int domid, PrintWriter out) {
        try {
            long pid = environment.startSupervisor(zone.name(), domid, save(zone));
            out.println("supervisor: pid " + pid + " (on_poweroff=" + zone.onPoweroff().specName() + " on_reboot="
                    + zone.onReboot().specName() + " on_crash=" + zone.onCrash().specName() + ")");
        } catch (RuntimeException e) {
            // The zone runs and stays: undoing a good launch because its watcher failed would be worse.
            spec.commandLine().getErr().println("xzone: warning: zone " + zone.name() + " runs, but its supervisor did not start ("
                    + e.getMessage() + "); on_poweroff/on_reboot/on_crash will not be carried out");
        }
    }

    /**
     * Removes the spec an earlier, supervised launch of this name saved: a daemon starting later would otherwise take
     * this unsupervised zone for that one when their uuids match (a spec file that fixes the uuid).
     */
    private void forgetSavedSpec(ZoneSpec zone) {
        Path saved = savedSpec(zone);
        try {
            Files.deleteIfExists(saved);
        } catch (IOException e) {
            spec.commandLine().getErr().println("xzone: warning: cannot remove " + saved + " of an earlier launch of "
                    + zone.name() + " (" + e.getMessage() + "); a daemon started later may supervise this zone");
        }
    }

    /** The spec file, then the flags over it. */
    private ZoneSpecBuilder builder() {
        ZoneSpecBuilder b = specFile == null ? new ZoneSpecBuilder() : ZoneSpecFile.read(specFile);
        if (backend != null) {
            b.backend(backend, new Origin.Flag("-V"));
        }
        if (name != null) {
            b.name(name, new Origin.Flag("--name"));
        }
        if (memory != null) {
            b.memory(memory, new Origin.Flag("--memory"));
        }
        if (maxmem != null) {
            b.maxmem(maxmem, new Origin.Flag("--maxmem"));
        }
        if (vcpus != null) {
            b.vcpus(vcpus, new Origin.Flag("--vcpus"));
        }
        if (maxVcpus != null) {
            b.maxVcpus(maxVcpus, new Origin.Flag("--maxvcpus"));
        }
        if (kernel != null) {
            b.kernel(kernel.toAbsolutePath(), new Origin.Flag("--kernel"));
        }
        if (ramdisk != null) {
            b.ramdisk(ramdisk.toAbsolutePath(), new Origin.Flag("--ramdisk"));
        }
        if (cmdline != null) {
            b.cmdline(cmdline, new Origin.Flag("--cmdline"));
        }
        if (cpus != null) {
            b.cpus(cpus, new Origin.Flag("--cpus"));
        }
        if (uuid != null) {
            b.uuid(uuid, new Origin.Flag("--uuid"));
        }
        if (onPoweroff != null) {
            b.onPoweroff(onPoweroff, new Origin.Flag("--on-poweroff"));
        }
        if (onReboot != null) {
            b.onReboot(onReboot, new Origin.Flag("--on-reboot"));
        }
        if (onCrash != null) {
            b.onCrash(onCrash, new Origin.Flag("--on-crash"));
        }
        return b;
    }

    /** The zone as launched (flags merged, uuid fixed), for the supervisor to relaunch it. */
    private Path save(ZoneSpec zone) {
        try {
            Files.createDirectories(environment.runDirectory());
            return Files.writeString(savedSpec(zone), ZoneSpecWriter.toToml(zone));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the spec of " + zone.name() + ": " + e.getMessage(), e);
        }
    }

    private Path savedSpec(ZoneSpec zone) {
        return SavedSpecs.of(environment.runDirectory(), zone.name());
    }
}

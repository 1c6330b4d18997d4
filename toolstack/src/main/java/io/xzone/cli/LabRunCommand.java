package io.xzone.cli;

import io.xzone.cli.lab.Dom0Mode;
import io.xzone.cli.lab.Lab;
import io.xzone.cli.lab.LabConfig;
import io.xzone.cli.lab.LabException;
import io.xzone.cli.lab.LabListener;
import io.xzone.cli.lab.LabOptions;
import io.xzone.cli.lab.ScriptResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xzone lab run}: one boot, then each script in dom0 in turn; exit 0 only if every script exits 0. */
@Command(
        name = "run",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Boots the lab once and runs each SCRIPT (and each -c command) in dom0 with busybox sh, in /lab/share, "
                    + "printing its output as it comes and the time of every phase. Images are built from the host's "
                    + "Debian packages and cached (target/lab-cache, or $XZONE_LAB_CACHE); logs stay under target/lab.",
            "In dom0: xl, xenstore-*, java and xzone on PATH; the project read-only at /xzone; the tiny guest at "
                    + "/lab/guest/vmlinux, /lab/guest/bzImage, /lab/guest/initrd.cpio; guest consoles logged to "
                    + "/var/log/xen/console/guest-NAME.log. dom0 runs alone on CPU 0: give guests cpus=\"1\".",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Every script exited 0.",
            "1:A script failed, or the lab did not boot (the last 50 serial lines are shown).",
            "2:Bad flag or value, or a SCRIPT file that does not exist; nothing was started.",
            "4:The host lacks a Debian package, a kernel or QEMU (bin/setup-host installs them).",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # Boot, show Xen's host info, power off:",
            "  xzone lab run -c 'xl info'",
            "  # Run script files in dom0, one boot for all:",
            "  xzone lab run samples/demo/tour.sh my-checks.sh",
            "  # A PVH dom0:",
            "  xzone lab run --dom0 pvh -c 'cat /sys/hypervisor/guest_type'",
            "  # A host without hardware virtualization (Xen offers PV only):",
            "  xzone lab run --cpu " + LabConfig.NO_HVM_CPU + " -c 'xl info'",
        })
final class LabRunCommand implements Callable<Integer> {
    @Option(names = "--cpu", paramLabel = "MODEL", defaultValue = LabConfig.DEFAULT_CPU,
            description = "QEMU CPU model (default: ${DEFAULT-VALUE}: Xen offers pv, hvm and hap). "
                    + "'" + LabConfig.NO_HVM_CPU + "' imitates a host without hardware virtualization.")
    String cpu;

    @Option(names = "--dom0", paramLabel = "MODE", defaultValue = "pv",
            description = "How dom0 boots: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; pvh uses a q35 machine "
                    + "with an AMD IOMMU).")
    Dom0Mode dom0;

    @Option(names = {"-c", "--command"}, paramLabel = "SHELL", description = "A shell command line to run in dom0 "
            + "(repeatable; runs after the SCRIPT files).")
    List<String> commands = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Kill a script that runs longer (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Parameters(paramLabel = "SCRIPT", arity = "0..*", description = "Shell script files to run in dom0, in order.")
    List<Path> scripts = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> jobs = jobs();
        try {
            LabConfig config = new LabConfig(cpu, dom0);
            LabListener listener = new LabListener() {
                @Override
                public void phase(String line) {
                    out.println(line);
                    out.flush();
                }

                @Override
                public void output(String line) {
                    out.println(line);
                    out.flush();
                }
            };
            int failed = 0;
            try (Lab lab = Lab.boot(config, LabOptions.forProject(LabOptions.findProjectRoot(), listener))) {
                for (String job : jobs) {
                    ScriptResult result = lab.run(job, Duration.ofSeconds(timeoutSeconds));
                    if (!result.ok()) {
                        failed++;
                        out.println("lab: last " + Lab.TAIL_LINES + " lines of the serial log (" + lab.serialLog() + "):");
                        lab.serialTail(Lab.TAIL_LINES).forEach(line -> out.println("  | " + line));
                    }
                }
            }
            if (failed > 0) {
                throw new CommandFailure(ExitCode.FAILED, failed + " of " + jobs.size() + " lab scripts failed");
            }
            return ExitCode.OK;
        } catch (LabException e) {
            throw new CommandFailure(e.exitCode(), e.getMessage(), e);
        }
    }

    /** The scripts' texts then the commands; a missing or unreadable script is bad input before anything boots. */
    private List<String> jobs() {
        if (timeoutSeconds <= 0) {
            throw CommandFailure.badInput("--timeout must be a positive number of seconds, not " + timeoutSeconds);
        }
        List<String> jobs = new ArrayList<>();
        for (Path script : scripts) {
            if (!Files.isRegularFile(script)) {
                throw CommandFailure.badInput("script '" + script + "' does not exist");
            }
            try {
                jobs.add(Files.readString(script, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw CommandFailure.badInput("cannot read script '" + script + "': " + e.getMessage());
            }
        }
        jobs.addAll(commands);
        if (jobs.isEmpty()) {
            throw CommandFailure.badInput("nothing to run: give a SCRIPT file or -c 'command' (see 'xzone lab run --help')");
        }
        return jobs;
    }
}

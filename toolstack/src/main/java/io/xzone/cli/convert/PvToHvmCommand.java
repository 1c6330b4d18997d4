package io.xzone.cli.convert;

import io.xzone.convert.ConversionResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xzone convert pv-to-hvm GUEST.cfg}: converts one guest. */
@Command(name = "pv-to-hvm",
        description = "Converts one PV guest to HVM, offline (the guest must be shut down). Writes GUEST.hvm.cfg and "
                + "GUEST.zone.toml next to the xl.cfg; the original xl.cfg is not changed. Running it again "
                + "changes nothing.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  xzone convert pv-to-hvm --dry-run /etc/xen/web.cfg",
            "  xzone convert pv-to-hvm /etc/xen/web.cfg",
            "  xzone convert pv-to-hvm --mounted-root /mnt/web /etc/xen/web.cfg   guest root already mounted",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Converted, or already converted.", "1:The conversion failed (journal kept: rerun or roll back).",
            "2:Bad input (config, disk, partition table, filesystem); nothing was touched."})
public final class PvToHvmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConvertPaths paths;

    @Parameters(paramLabel = "GUEST.cfg", description = "The guest's xl.cfg (its first disk is converted).")
    Path config;

    @Option(names = "--dry-run", description = "Print every edit as a unified diff; change nothing.")
    boolean dryRun;

    @Option(names = "--mounted-root", paramLabel = "DIR",
            description = "Edit this already-mounted guest root instead of the disk image (symlinks are never followed"
                    + " out of it).")
    Path mountedRoot;

    @Override
    public Integer call() {
        ConversionResult result = paths.converter().convert(config, mountedRoot, dryRun);
        ResultPrinter.print(result, spec.commandLine().getOut());
        return 0;
    }
}

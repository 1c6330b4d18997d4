package io.xzone.cli.zone;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code xzone zone}: launch zones as PV, PVH or HVM domains and manage their lifecycle. */
@Command(name = "zone",
        description = {
            "Launches zones (Xen guests) as PV, PVH or HVM domains and manages them. The xenstore layout is libxl's,",
            "so xl list, xl console and xl destroy work on zones, and 'zone list' shows domains xl started.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  xzone zone launch -V pvh -n web -m 512 -c 2 -k vmlinux -i initrd.img --cmdline \"console=hvc0\"",
            "  xzone zone launch samples/zones/tiny-pv.toml",
            "  xzone zone launch --dry-run -V hvm samples/zones/tiny-hvm.toml",
            "  xzone zone list --output json",
            "  xzone zone shutdown web --timeout 60 --force",
        },
        subcommands = {ZoneLaunchCommand.class, ZoneListCommand.class, ZoneDestroyCommand.class,
            ZoneShutdownCommand.class, ZoneRebootCommand.class, ZonePauseCommand.class, ZoneUnpauseCommand.class,
            ZoneSuperviseCommand.class})
public final class ZoneCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

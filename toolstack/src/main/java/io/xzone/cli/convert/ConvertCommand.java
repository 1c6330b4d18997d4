package io.xzone.cli.convert;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code xzone convert}: PV-to-HVM conversion of one guest, of many, and its rollback. */
@Command(name = "convert",
        description = "Converts Xen PV guests to HVM, offline: edits each guest's disk (console hvc0 -> ttyS0 in the "
                + "boot menu, /etc/default/grub, inittab, upstart, systemd getty, securetty; splashimage removed) "
                + "and writes an HVM xl.cfg and zone spec that boot a GRUB CD chain-loading the guest's own boot "
                + "menu from partition 1. Every original is journaled first; 'rollback' restores them byte for "
                + "byte.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  xzone convert pv-to-hvm --dry-run /etc/xen/web.cfg   show the edits as diffs",
            "  xzone convert pv-to-hvm /etc/xen/web.cfg             convert; writes web.hvm.cfg and web.zone.toml",
            "  xzone convert bulk -j 4 /etc/xen/guests/             every *.cfg in the folder, 4 at a time",
            "  xzone convert rollback web                           put web back as it was",
        },
        subcommands = {PvToHvmCommand.class, BulkCommand.class, RollbackCommand.class})
public final class ConvertCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

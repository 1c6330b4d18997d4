package io.xzone.cli.convert;

import io.xzone.convert.Rollback;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xzone convert rollback GUEST}: restores a converted guest's originals. */
@Command(name = "rollback",
        description = "Restores every file conversion changed in GUEST's disk to its original bytes, mode, owner and "
                + "group, removes the files conversion created and the HVM config it wrote. Safe to run again if "
                + "interrupted.",
        footerHeading = "%nExamples:%n",
        footer = {"  xzone convert rollback web", "  xzone convert rollback --state /srv/xzone/convert web"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Rolled back.", "1:The rollback failed (journal kept: run it again).",
            "5:No conversion of GUEST is recorded in the state folder."})
public final class RollbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConvertPaths paths;

    @Parameters(paramLabel = "GUEST", description = "The guest's name (the name setting of its xl.cfg).")
    String guest;

    @Override
    public Integer call() {
        ResultPrinter.print(new Rollback(paths.state.toAbsolutePath()).rollback(guest), spec.commandLine().getOut());
        return 0;
    }
}

package io.xzone.cli.zone;

import io.xzone.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A zone command that acts on one running zone, found by name, whichever toolstack launched it. */
abstract class ZoneNameCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ZONE", description = "The zone's name (as 'xzone zone list' or 'xl list' shows it).")
    String zone;

    @Spec
    CommandSpec spec;

    private final ZoneEnvironment environment;

    ZoneNameCommand(ZoneEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public final Integer call() {
        try (XenHost host = ZoneFailures.translate(environment::open)) {
            int domid = ZoneFailures.translate(() -> host.inventory().domidOf(zone));
            return ZoneFailures.translate(() -> act(host, domid));
        }
    }

    /** Does the work; returns the exit code. */
    abstract int act(XenHost host, int domid);

    void say(String line) {
        spec.commandLine().getOut().println(line);
    }

    static int ok() {
        return ExitCode.OK;
    }
}

package io.xzone.cli.lab;

import java.util.List;
import java.util.Optional;

/**
 * The lab's one exception to "a failure fails": a script that failed while the serial log shows the known TCG flake
 * (a dom0 process segfault) runs once more, and the result names the flake. Success, or any other failure, stands.
 */
final class FlakeRetry {
    /** One run of the script. */
    interface Attempt {
        ScriptResult run() throws Exception;
    }

    /** The serial lines printed since a mark. */
    interface SerialWindow {
        int mark();

        List<String> since(int mark);
    }

    private FlakeRetry() {
    }

    static ScriptResult run(Attempt attempt, SerialWindow serial, LabListener listener) throws Exception {
        int mark = serial.mark();
        ScriptResult result = attempt.run();
        Optional<String> flake = FlakeDetector.find(serial.since(mark));
        if (flake.isEmpty()) {
            return result;
        }
        if (result.ok()) {
            listener.phase("lab: a dom0 process crashed during the script, which still succeeded: " + flake.get());
            return result;
        }
        listener.phase("lab: known TCG flake, a dom0 process crashed (" + flake.get() + "); running the script again");
        return attempt.run().retriedAfter(flake.get());
    }
}

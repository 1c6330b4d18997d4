package io.xzone.cli.lab;

import java.time.Duration;

/**
 * What one script run in dom0 gave back.
 *
 * @param script the script text
 * @param exitStatus its exit status (137 when the lab killed it at its timeout)
 * @param output stdout and stderr, interleaved
 * @param duration from hand-over to result
 * @param timedOut whether the lab killed it
 * @param flake the serial line of the known TCG flake if the script was retried because of it, else null
 */
public record ScriptResult(String script, int exitStatus, String output, Duration duration, boolean timedOut, String flake) {
    public boolean ok() {
        return exitStatus == 0 && !timedOut;
    }

    ScriptResult retriedAfter(String flakeLine) {
        return new ScriptResult(script, exitStatus, output, duration, timedOut, flakeLine);
    }

    /** One line for logs: the script's first command line, its status and time. */
    public String summary() {
        String first = script.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .findFirst().orElse("");
        String status = timedOut ? "timed out" : "exit " + exitStatus;
        return "'" + (first.length() > 60 ? first.substring(0, 57) + "..." : first) + "' " + status + " in "
                + Lab.seconds(duration) + (flake != null ? " (retried after the TCG flake)" : "");
    }
}

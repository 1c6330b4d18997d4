package io.xzone.it.zone;

import io.xzone.cli.lab.Lab;

/** The resident xzone daemon in the lab's dom0, started through the launcher on dom0's PATH as an operator starts it. */
final class Dom0Daemon {
    static final String LOG = "/tmp/xzone-daemon.log";
    private static final String PID = "/run/xzone/daemon.pid";

    private Dom0Daemon() {
    }

    /** Starts it and waits (up to 9 minutes) until it is ready; returns how long that took and its log so far. */
    static String start(Lab lab) {
        return lab.runOk(String.join("\n",
                "rm -f " + LOG,
                "start=$(cut -d' ' -f1 /proc/uptime)",
                "setsid " + ZoneScripts.XZONE + " daemon </dev/null >" + LOG + " 2>&1 &",
                "i=0",
                "until [ -f " + PID + " ]; do",
                "  i=$((i + 1)); [ $i -lt 2700 ] || { echo 'the daemon was not ready after 9 minutes'; cat " + LOG + "; exit 1; }",
                "  kill -0 $! 2>/dev/null || { echo 'the daemon ended'; cat " + LOG + "; exit 1; }",
                "  usleep 200000",
                "done",
                "end=$(cut -d' ' -f1 /proc/uptime)",
                "echo \"daemon: ready $(awk -v s=$start -v e=$end 'BEGIN { printf \"%.1f\", e - s }') s after its start\"",
                "cat " + LOG)).output();
    }

    /** The daemon's pid. */
    static long pid(Lab lab) {
        return Long.parseLong(lab.runOk("cat " + PID).output().strip());
    }

    static String log(Lab lab) {
        return lab.runOk("cat " + LOG).output();
    }

    /** Waits (up to a minute) until its log has a line containing {@code text}; fails with the log if none comes. */
    static void awaitLog(Lab lab, String text) {
        lab.runOk(String.join("\n",
                "i=0",
                "until grep -q '" + text + "' " + LOG + "; do",
                "  i=$((i + 1)); [ $i -lt 300 ] || { echo 'no \"" + text + "\" in the daemon log:'; cat " + LOG + "; exit 1; }",
                "  usleep 200000",
                "done"));
    }

    /** Stops it (SIGTERM), if it runs, and waits until it has removed its pid file. */
    static void stop(Lab lab) {
        lab.runOk(String.join("\n",
                "[ -f " + PID + " ] || exit 0",
                "kill $(cat " + PID + ")",
                "i=0",
                "while [ -f " + PID + " ]; do i=$((i + 1)); [ $i -lt 300 ] || exit 1; usleep 200000; done"));
    }
}

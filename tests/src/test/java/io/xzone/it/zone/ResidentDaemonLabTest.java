package io.xzone.it.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.Lab;
import io.xzone.it.lab.XenLab;
import org.junit.jupiter.api.Test;

/**
 * The resident daemon on real Xen: a zone launched through it (`XZONE_DAEMON=on`: no JVM of the command's own) runs
 * under xl, is supervised by a thread of the daemon, and `zone destroy` through it removes everything.
 */
@XenLab
class ResidentDaemonLabTest {
    @Test
    void aZoneLaunchedThroughTheDaemonRunsAndIsDestroyedThroughIt(Lab lab) {
        Dom0Daemon.start(lab);
        try {
            long pid = Dom0Daemon.pid(lab);
            String launch = lab.runOk("XZONE_DAEMON=on " + ZoneScripts.XZONE + " zone launch "
                    + ZoneScripts.launchFlags("resident", "pv", "shell")).output();
            int domid = ZoneScripts.domid(launch);
            assertTrue(launch.contains("supervisor: pid " + pid + " "), launch);
            String xl = lab.runOk("xl list").output();
            assertTrue(xl.lines().anyMatch(l -> l.matches("resident\\s+" + domid + "\\s.*")), xl);
            assertEquals("PV", ZoneScripts.marker(lab, "resident"));

            lab.runOk("XZONE_DAEMON=on " + ZoneScripts.XZONE + " zone destroy resident");

            assertEquals(0, ZoneScripts.awaitGone(lab, "resident"));
            // Its supervisor, a thread of the daemon, saw the zone go and ended.
            lab.runOk(String.join("\n",
                    "i=0",
                    "until grep -q 'zone resident: supervision ended, gone' " + Dom0Daemon.LOG + "; do",
                    "  i=$((i + 1)); [ $i -lt 300 ] || { cat " + Dom0Daemon.LOG + "; exit 1; }",
                    "  usleep 200000",
                    "done"));
            String log = Dom0Daemon.log(lab);
            assertTrue(log.contains("xzone zone destroy resident -> exit 0"), log);
        } finally {
            Dom0Daemon.stop(lab);
        }
    }
}

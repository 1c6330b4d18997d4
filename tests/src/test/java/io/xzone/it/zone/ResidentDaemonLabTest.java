package io.xzone.it.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.Lab;
import io.xzone.cli.lab.ScriptResult;
import io.xzone.it.lab.XenLab;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The resident daemon on real Xen: a zone launched through it (`XZONE_DAEMON=on`: no JVM of the command's own) runs
 * under xl, is supervised by a thread of the daemon, and `zone destroy` through it removes everything; a daemon
 * started after the one that launched a zone stopped adopts the zone's supervision.
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
            Dom0Daemon.awaitLog(lab, "zone resident: supervision ended, gone");
            String log = Dom0Daemon.log(lab);
            assertTrue(log.contains("xzone zone destroy resident -> exit 0"), log);
        } finally {
            Dom0Daemon.stop(lab);
        }
    }

    @Test
    void aRestartedDaemonAdoptsTheZoneOfTheStoppedOneAndCarriesOutItsOnReboot(Lab lab) throws IOException {
        LifecycleGuest.install(lab);
        Dom0Daemon.start(lab);
        try {
            int first = ZoneScripts.domid(lab.runOk("XZONE_DAEMON=on " + ZoneScripts.XZONE + " zone launch "
                    + LifecycleGuest.launchFlags("adopted", "pv", 1, true)).output());
            ZoneScripts.consoleLine(lab, "adopted", LifecycleGuest.CPUS);
            Dom0Daemon.stop(lab);

            // The zone ran on unsupervised; the next daemon adopts it before it says it is ready.
            Dom0Daemon.start(lab);
            Dom0Daemon.awaitLog(lab, "ready, serving /run/xzone (pid [0-9]*), 1 zone adopted");
            String log = Dom0Daemon.log(lab);
            assertTrue(log.contains("zone adopted (domain " + first + "): adopted, supervised again from /run/xzone/adopted.toml"), log);
            assertEquals(Long.toString(Dom0Daemon.pid(lab)), lab.runOk("cat /run/xzone/adopted.supervisor.lock").output().strip());

            // Its new supervisor carries out on_reboot=restart, then sees the zone destroyed and ends.
            ScriptResult reboot = lab.run("XZONE_DAEMON=on " + ZoneScripts.XZONE + " zone reboot adopted --timeout 400");
            assertEquals(0, reboot.exitStatus(), reboot.output() + Dom0Daemon.log(lab));
            assertTrue(reboot.output().contains("zone adopted rebooted: domain " + first + " -> "), reboot.output());
            Dom0Daemon.awaitLog(lab, "zone adopted restarted as domain ");
            lab.runOk("XZONE_DAEMON=on " + ZoneScripts.XZONE + " zone destroy adopted");
            Dom0Daemon.awaitLog(lab, "zone adopted: supervision ended, gone");
        } finally {
            lab.run(ZoneScripts.XZONE + " zone destroy adopted");
            Dom0Daemon.stop(lab);
        }
        assertEquals(0, ZoneScripts.awaitGone(lab, "adopted"));
    }
}

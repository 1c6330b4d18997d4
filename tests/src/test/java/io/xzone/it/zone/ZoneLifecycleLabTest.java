package io.xzone.it.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.Lab;
import io.xzone.cli.lab.ScriptResult;
import io.xzone.it.lab.XenLab;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * On real Xen (the lab's PV dom0): a PVH zone with two vCPUs brings both up through its ACPI tables, and the lifecycle
 * commands act on real guests: `zone shutdown` of a guest that obeys, `zone reboot` under the supervisor, and a
 * shutdown the guest ignores, which times out and then yields to --force.
 */
@XenLab
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZoneLifecycleLabTest {
    private static final Pattern REBOOTED = Pattern.compile("zone (\\S+) rebooted: domain (\\d+) -> (\\d+)");

    @BeforeAll
    static void installGuest(Lab lab) throws Exception {
        LifecycleGuest.install(lab);
    }

    @Test
    @Order(1)
    void aPvhZoneWithTwoVcpusBringsBothUpFromItsAcpiTables(Lab lab) {
        lab.runOk(ZoneScripts.XZONE + " zone launch --no-supervise " + LifecycleGuest.launchFlags("z-smp", "pvh", 2, false));
        try {
            String cpus = ZoneScripts.consoleLine(lab, "z-smp", LifecycleGuest.CPUS);
            assertEquals("PVH", ZoneScripts.marker(lab, "z-smp"));
            assertTrue(cpus.contains("online=0-1 "), "the guest runs on both vCPUs: " + cpus);
            List<String> tables = List.of(cpus.substring(cpus.indexOf("acpi_tables=") + "acpi_tables=".length()).split("\\s+"));
            assertTrue(tables.containsAll(List.of("APIC", "DSDT", "FACP")), "ACPI tables the guest found: " + tables);
            String kernel = lab.runOk("grep -a -E 'ACPI: RSDP|smp: Brought up' /var/log/xen/console/guest-z-smp.log").output();
            assertTrue(kernel.contains("smp: Brought up 1 node, 2 CPUs"), kernel);
            assertTrue(kernel.contains("ACPI: RSDP 0x00000000FC00"), "the RSDP where xzone put it: " + kernel);
        } finally {
            lab.run("xl destroy z-smp");
        }
    }

    @Test
    @Order(2)
    void shutdownOfAGuestThatObeysEndsTheZone(Lab lab) {
        lab.runOk(ZoneScripts.XZONE + " zone launch " + LifecycleGuest.launchFlags("z-obey", "pv", 1, true));
        ZoneScripts.consoleLine(lab, "z-obey", LifecycleGuest.CPUS);
        ScriptResult shutdown = lab.run(ZoneScripts.XZONE + " zone shutdown z-obey --timeout 300");
        assertEquals(0, shutdown.exitStatus(), shutdown.output());
        assertTrue(shutdown.output().contains("zone z-obey shut down"), shutdown.output());
        // on_poweroff=destroy (the default): the supervisor destroys the domain and removes its nodes.
        assertEquals(0, ZoneScripts.awaitGone(lab, "z-obey"), "xenstore nodes left of z-obey");
    }

    @Test
    @Order(3)
    void rebootBringsASupervisedZoneBackUnderANewDomid(Lab lab) {
        int first = ZoneScripts.domid(lab.runOk(ZoneScripts.XZONE + " zone launch "
                + LifecycleGuest.launchFlags("z-again", "pv", 1, true)).output());
        ZoneScripts.consoleLine(lab, "z-again", LifecycleGuest.CPUS);
        try {
            ScriptResult reboot = lab.run(ZoneScripts.XZONE + " zone reboot z-again --timeout 400");
            assertEquals(0, reboot.exitStatus(), reboot.output());
            Matcher m = REBOOTED.matcher(reboot.output());
            assertTrue(m.find(), reboot.output());
            assertEquals(first, Integer.parseInt(m.group(2)));
            int second = Integer.parseInt(m.group(3));
            assertNotEquals(first, second);
            assertEquals(Integer.toString(second), lab.runOk("xl domid z-again").output().strip());
        } finally {
            lab.run(ZoneScripts.XZONE + " zone destroy z-again");
        }
    }

    @Test
    @Order(4)
    void aShutdownTheGuestIgnoresTimesOutAndForceDestroysIt(Lab lab) {
        lab.runOk(ZoneScripts.XZONE + " zone launch --no-supervise " + LifecycleGuest.launchFlags("z-deaf", "pv", 1, false));
        ZoneScripts.consoleLine(lab, "z-deaf", LifecycleGuest.CPUS);
        ScriptResult ignored = lab.run(ZoneScripts.XZONE + " zone shutdown z-deaf --timeout 15");
        assertEquals(1, ignored.exitStatus(), ignored.output());
        assertTrue(ignored.output().contains(
                "xzone: zone z-deaf did not shut down within 15 s and still runs; use --force to destroy it"), ignored.output());
        assertTrue(lab.runOk("xl list").output().lines().anyMatch(l -> l.startsWith("z-deaf ")));
        ScriptResult forced = lab.run(ZoneScripts.XZONE + " zone shutdown z-deaf --timeout 5 --force");
        assertEquals(0, forced.exitStatus(), forced.output());
        assertTrue(forced.output().contains("zone z-deaf did not shut down within 5 s; destroyed (--force)"), forced.output());
        assertTrue(lab.runOk("xl list").output().lines().noneMatch(l -> l.startsWith("z-deaf ")));
        assertEquals("0", lab.run("xenstore-ls -f / | grep -c z-deaf || true").output().strip());
    }
}

package io.xzone.it.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.xzone.cli.lab.Lab;
import io.xzone.cli.lab.ScriptResult;
import io.xzone.it.lab.XenLab;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An HVM zone with a vif on a dom0 bridge on real Xen (the lab's PV dom0), made as libxl 4.17 makes a vif_ioemu nic:
 * QEMU runs with the NIC on the tap vifD.0-emu, which vif-bridge has put on the bridge next to netback's vifD.0;
 * xl network-list lists the vif; the tiny guest (Debian's kernel, which unplugs the emulated NIC when it has
 * xen-netfront) reads its MAC through netfront on ttyS0; destroy leaves no tap, no bridge port and no backend node.
 * One zone for the whole class, launched by the first test and destroyed by the last.
 */
@XenLab
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HvmNetworkLabTest {
    private static final String NAME = "z-hvmnet";
    private static final String MAC = "00:16:3e:5a:02:07";
    private static final String BRIDGE = "xenbr0";
    /** The guest's ttyS0, copied from its pty from launch on (xenconsoled logs only hvc0); the copy ends with QEMU. */
    private static final String SERIAL_LOG = "/tmp/" + NAME + "-serial.log";
    /**
     * How long the guest may take to print its NIC: an HVM boot under TCG on a host shared with other labs took over
     * 10 minutes (the guest unplugged the emulated NIC about 4 minutes after launch, then was still booting at 10).
     */
    private static final Duration GUEST_WAIT = Duration.ofMinutes(25);
    /** The tiny guest's report of a NIC, e.g. "XZONE-NET eth0 mac=00:16:3e:5a:02:07". */
    private static final String NET_LINE = "XZONE-NET [a-z0-9]+ mac=([0-9a-f]{2}:){5}[0-9a-f]{2}";
    private int domid = -1;

    @Test
    @Order(1)
    void qemuRunsTheNicOnATapThatVifBridgePutOnTheBridgeBesideNetbacksVif(Lab lab) {
        String spec = String.join("\n",
                "name = \"" + NAME + "\"",
                "backend = \"hvm\"",
                "memory = 128",
                "cpus = \"1\"",
                "kernel = \"" + Lab.GUEST_BZIMAGE + "\"",
                "ramdisk = \"" + Lab.GUEST_INITRD + "\"",
                // quiet: every character on the emulated UART is a trap to QEMU, which under TCG costs minutes of boot
                "cmdline = \"console=ttyS0 quiet xzone.then=shell\"",
                "[[network]]",
                "bridge = \"" + BRIDGE + "\"",
                "mac = \"" + MAC + "\"",
                "");
        String launched = lab.runOk(String.join("\n",
                "[ -d /sys/class/net/" + BRIDGE + " ] || { brctl addbr " + BRIDGE + " && ip link set " + BRIDGE + " up; }",
                "cat > /tmp/" + NAME + ".toml <<'EOF'",
                spec + "EOF",
                ZoneScripts.XZONE + " zone launch --dry-run /tmp/" + NAME + ".toml | grep -e '-netdev' -e 'backend/vif/D/0/type'",
                ZoneScripts.XZONE + " --verbose zone launch --no-supervise /tmp/" + NAME + ".toml || exit 1",
                "tty=$(xenstore-read /local/domain/$(xl domid " + NAME + ")/serial/0/tty)",
                "rm -f " + SERIAL_LOG,
                "(setsid cat $tty >> " + SERIAL_LOG + " 2>/dev/null &)")).output();
        domid = ZoneScripts.domid(launched);
        assertTrue(launched.contains("-netdev type=tap,id=net0,ifname=vifD.0-emu,br=" + BRIDGE + ",script=no,downscript=no"),
                "the dry run shows QEMU's nic arguments: " + launched);
        assertTrue(launched.contains("/local/domain/0/backend/vif/D/0/type = \"vif_ioemu\""), launched);

        String vif = "vif" + domid + ".0";
        String dom0 = lab.runOk(String.join("\n",
                "pid=$(xenstore-read /local/domain/" + domid + "/image/device-model-pid)",
                "echo \"qemu $(tr '\\0' ' ' < /proc/$pid/cmdline)\"",
                "for port in " + vif + " " + vif + "-emu; do",
                "  [ -e /sys/class/net/" + BRIDGE + "/brif/$port ] && echo \"port $port\"",
                "done",
                "echo \"type $(xenstore-read /local/domain/0/backend/vif/" + domid + "/0/type)\"",
                "echo \"hotplug $(xenstore-read /local/domain/0/backend/vif/" + domid + "/0/hotplug-status)\"",
                "xl network-list " + NAME)).output();
        assertTrue(dom0.contains(" -device rtl8139,id=nic0,netdev=net0,mac=" + MAC + " -netdev type=tap,id=net0,ifname="
                + vif + "-emu,br=" + BRIDGE + ",script=no,downscript=no "), dom0);
        assertTrue(dom0.lines().anyMatch(("port " + vif + "-emu")::equals), "QEMU's tap is a port of the bridge: " + dom0);
        assertTrue(dom0.lines().anyMatch(("port " + vif)::equals), "netback's vif is a port of the bridge: " + dom0);
        assertTrue(dom0.lines().anyMatch("type vif_ioemu"::equals), dom0);
        assertTrue(dom0.lines().anyMatch("hotplug connected"::equals), dom0);
        assertTrue(dom0.lines().anyMatch(l -> l.matches("0\\s+0\\s+" + MAC + "\\s+0\\s+\\d+\\s+.*")),
                "xl network-list lists the vif: " + dom0);
    }

    @Test
    @Order(2)
    void theGuestReadsItsMacThroughNetfront(Lab lab) {
        assumeTrue(domid > 0, "the zone did not launch");
        ScriptResult result = lab.run(String.join("\n",
                "i=0",
                // The whole line: the guest writes it to the slow UART a few characters at a time.
                "until grep -a -q -E '" + NET_LINE + "' " + SERIAL_LOG + " 2>/dev/null; do",
                "  i=$((i + 1)); [ $i -lt " + GUEST_WAIT.toSeconds() + " ] || { echo 'no XZONE-NET in time'; tail -c 3000 "
                        + SERIAL_LOG + "; exit 1; }",
                "  sleep 1",
                "done",
                "grep -a -o -E 'XZONE-MARKER guest_type=[A-Z]+|" + NET_LINE + "' " + SERIAL_LOG,
                "s=/local/domain/0/backend/vif/" + domid + "/0/state",
                "i=0; until [ \"$(xenstore-read $s)\" = 4 ] || [ $i -ge 300 ]; do i=$((i + 1)); usleep 200000; done",
                "echo \"state $(xenstore-read $s)\""), GUEST_WAIT.plusMinutes(2));
        String guest = result.output();
        assertTrue(result.ok(), guest);
        assertTrue(guest.contains("XZONE-MARKER guest_type=HVM"), guest);
        assertTrue(guest.contains("XZONE-NET eth0 mac=" + MAC), guest);
        assertTrue(guest.lines().anyMatch("state 4"::equals), "netfront connected to netback: " + guest);
    }

    @Test
    @Order(3)
    void destroyLeavesNoTapNoBridgePortAndNoNode(Lab lab) {
        String vif = "vif" + domid + ".0";
        String after = lab.run(String.join("\n",
                ZoneScripts.XZONE + " zone destroy " + NAME,
                "echo \"backends $(xenstore-ls -f /local/domain/0/backend 2>/dev/null | grep -c '/" + domid + "/')\"",
                "echo \"libxl $(xenstore-ls -f /libxl 2>/dev/null | grep -c '^/libxl/" + domid + "/')\"",
                "echo \"links $(ip link show | grep -c " + vif + ")\"",
                "echo \"ports $(ls /sys/class/net/" + BRIDGE + "/brif/ | grep -c " + vif + ")\"",
                "echo \"listed $(xl list | grep -c '^" + NAME + " ')\"")).output();
        List<String> lines = after.lines().toList();
        assertTrue(lines.contains("backends 0"), after);
        assertTrue(lines.contains("libxl 0"), after);
        assertTrue(lines.contains("links 0"), "no " + vif + " nor " + vif + "-emu left: " + after);
        assertTrue(lines.contains("ports 0"), after);
        assertEquals(0, ZoneScripts.awaitGone(lab, NAME), "xenstore nodes left of " + NAME);
    }
}

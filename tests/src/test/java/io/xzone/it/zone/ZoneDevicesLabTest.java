package io.xzone.it.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.Lab;
import io.xzone.it.lab.XenLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A PV zone with a file disk and a vif on real Xen (the lab's PV dom0): blkback serves the image through a loop device
 * the block script set up and the guest reads its ext2 label through xen-blkfront; netback's vif sits on a dom0 bridge
 * (busybox's brctl has no "show": the bridge's ports are read from sysfs),
 * connected (state 4) to the guest's xen-netfront; xl block-list and network-list see both; destroy leaves no backend
 * node, no loop device and no vif.
 */
@XenLab
class ZoneDevicesLabTest {
    private static final String NAME = "z-dev";
    private static final String LABEL = "XZONEDISK";
    private static final String MAC = "00:16:3e:5a:01:02";

    @Test
    void aPvZoneGetsItsDiskAndVifAndDestroyTakesThemAway(Lab lab) throws Exception {
        buildExt2Image(lab.hostShare().resolve("disk.img"));
        String spec = String.join("\n",
                "name = \"" + NAME + "\"",
                "backend = \"pv\"",
                "memory = 128",
                "cpus = \"1\"",
                "kernel = \"" + Lab.GUEST_VMLINUX + "\"",
                "ramdisk = \"" + Lab.GUEST_INITRD + "\"",
                "cmdline = \"console=hvc0\"",
                "[[disk]]",
                "path = \"/tmp/z-dev.img\"",
                "target = \"xvda\"",
                "[[network]]",
                "bridge = \"xenbr0\"",
                "mac = \"" + MAC + "\"",
                "");
        String launched = lab.runOk(String.join("\n",
                "cp " + Lab.SHARE + "/disk.img /tmp/z-dev.img",
                "[ -d /sys/class/net/xenbr0 ] || { brctl addbr xenbr0 && ip link set xenbr0 up; }",
                "cat > /tmp/z-dev.toml <<'EOF'",
                spec + "EOF",
                ZoneScripts.XZONE + " --verbose zone launch --no-supervise /tmp/z-dev.toml")).output();
        int domid = ZoneScripts.domid(launched);
        String vbd = "/local/domain/0/backend/vbd/" + domid + "/51712";
        String vif = "/local/domain/0/backend/vif/" + domid + "/0";
        try {
            String guest = lab.runOk(String.join("\n",
                    "log=" + Lab.GUEST_CONSOLE_LOGS + "/guest-" + NAME + ".log",
                    "i=0",
                    "until grep -a -q 'XZONE-NET' $log 2>/dev/null; do",
                    "  i=$((i + 1)); [ $i -lt 2700 ] || { echo 'no XZONE-NET after 9 minutes'; cat $log; exit 1; }",
                    "  usleep 200000",
                    "done",
                    "grep -a 'XZONE-DISK\\|XZONE-NET' $log",
                    "for s in " + vbd + " " + vif + "; do",
                    "  i=0; until [ \"$(xenstore-read $s/state)\" = 4 ] || [ $i -ge 300 ]; do i=$((i + 1)); usleep 200000; done",
                    "  echo \"state $s $(xenstore-read $s/state)\"",
                    "done",
                    "echo \"loop $(losetup -a | grep -c /tmp/z-dev.img)\"",
                    "echo \"bridge $(ls /sys/class/net/xenbr0/brif/ | grep -c vif" + domid + ".0)\"",
                    "xl block-list " + NAME,
                    "xl network-list " + NAME)).output();
            assertTrue(guest.contains("XZONE-DISK xvda sectors=16384 label=" + LABEL), guest);
            assertTrue(guest.contains("XZONE-NET eth0 mac=" + MAC), guest);
            assertTrue(guest.contains("state " + vbd + " 4"), guest);
            assertTrue(guest.contains("state " + vif + " 4"), guest);
            assertTrue(guest.contains("loop 1"), guest);
            assertTrue(guest.contains("bridge 1"), guest);
            assertTrue(guest.lines().anyMatch(l -> l.matches("51712\\s+0\\s+" + domid + "\\s+4\\s+.*")), guest);
            assertTrue(guest.lines().anyMatch(l -> l.matches("0\\s+0\\s+" + MAC + "\\s+0\\s+4\\s+.*")), guest);
        } finally {
            String after = lab.run(String.join("\n",
                    ZoneScripts.XZONE + " zone destroy " + NAME,
                    "echo \"backends $(xenstore-ls -f /local/domain/0/backend 2>/dev/null | grep -c '/" + domid + "/')\"",
                    "echo \"loop $(losetup -a | grep -c /tmp/z-dev.img)\"",
                    "echo \"vif $(ip link show | grep -c vif" + domid + ".0)\"",
                    "rm -f /tmp/z-dev.img")).output();
            List<String> lines = after.lines().toList();
            assertTrue(lines.contains("backends 0"), after);
            assertTrue(lines.contains("loop 0"), after);
            assertTrue(lines.contains("vif 0"), after);
        }
    }

    /** An 8 MiB ext2 image labelled XZONEDISK with one file, built on the host with mke2fs -d. */
    private static void buildExt2Image(Path image) throws Exception {
        Path content = Files.createTempDirectory(image.getParent(), "content");
        Files.writeString(content.resolve("hello.txt"), "hello from the host\n");
        Process mke2fs = new ProcessBuilder("mke2fs", "-q", "-F", "-t", "ext2", "-L", LABEL, "-d", content.toString(),
                image.toString(), "8M").redirectErrorStream(true).start();
        String output = new String(mke2fs.getInputStream().readAllBytes());
        assertTrue(mke2fs.waitFor(60, TimeUnit.SECONDS), "mke2fs hangs");
        assertEquals(0, mke2fs.exitValue(), output);
    }
}

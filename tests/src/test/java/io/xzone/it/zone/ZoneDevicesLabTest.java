package io.xzone.it.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.Lab;
import io.xzone.it.lab.XenLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A PV zone with a file disk and a vif on real Xen (the lab's PV dom0): blkback serves the image through a loop device
 * the block script set up and the guest reads its ext2 label through xen-blkfront; netback's vif sits on a dom0 bridge
 * (busybox's brctl has no "show": the bridge's ports are read from sysfs),
 * connected (state 4) to the guest's xen-netfront; xl block-list and network-list see both; destroy of the running
 * zone leaves no backend node, no loop device and no vif, and takes about as long as xl destroy of the same setup in
 * the same boot (it once waited out a 30 s timeout for blkback's Closed). A launch that fails at its devices step
 * undoes its disk without that wait.
 */
@XenLab
class ZoneDevicesLabTest {
    private static final String NAME = "z-dev";
    private static final String LABEL = "XZONEDISK";
    private static final String MAC = "00:16:3e:5a:01:02";
    private static final String XL_NAME = "z-xl";
    private static final String BACKENDS = "/local/domain/0/backend";
    /** The time a script between two marks took: "NAME <uptime> <uptime>" lines of dom0's /proc/uptime. */
    private static final Pattern SPAN = Pattern.compile("(?m)^(\\S+) ([0-9.]+) ([0-9.]+)$");
    private static final Pattern DESTROYED_IN = Pattern.compile("domain \\d+ destroyed in (\\d+) ms");

    @Test
    void aPvZoneGetsItsDiskAndVifAndDestroyTakesThemAway(Lab lab) throws Exception {
        buildExt2Image(lab.hostShare().resolve("disk.img"));
        String spec = pvSpec(NAME,
                "cmdline = \"console=hvc0\"",
                "[[disk]]",
                "path = \"/tmp/z-dev.img\"",
                "target = \"xvda\"",
                "[[network]]",
                "bridge = \"xenbr0\"",
                "mac = \"" + MAC + "\"");
        String launched = lab.runOk(String.join("\n",
                "cp " + Lab.SHARE + "/disk.img /tmp/z-dev.img",
                "[ -d /sys/class/net/xenbr0 ] || { brctl addbr xenbr0 && ip link set xenbr0 up; }",
                "cat > /tmp/z-dev.toml <<'EOF'",
                spec + "EOF",
                ZoneScripts.XZONE + " --verbose zone launch --no-supervise /tmp/z-dev.toml")).output();
        int domid = ZoneScripts.domid(launched);
        String destroyed;
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
                    "read t0 _ < /proc/uptime",
                    ZoneScripts.XZONE + " --verbose zone destroy " + NAME + " 2> /tmp/z-dev-destroy.log",
                    "read t1 _ < /proc/uptime",
                    "echo \"xzone-destroy $t0 $t1\"",
                    "grep 'DEBUG\\|WARN' /tmp/z-dev-destroy.log",
                    "echo \"backends $(xenstore-ls -f " + BACKENDS + " 2>/dev/null | grep -c '/" + domid + "/')\"",
                    "echo \"loop $(losetup -a | grep -c /tmp/z-dev.img)\"",
                    "echo \"vif $(ip link show | grep -c vif" + domid + ".0)\"",
                    "rm -f /tmp/z-dev.img")).output();
            List<String> lines = after.lines().toList();
            assertTrue(lines.contains("backends 0"), after);
            assertTrue(lines.contains("loop 0"), after);
            assertTrue(lines.contains("vif 0"), after);
            assertFalse(after.contains("did not close"), after);
            destroyed = after;
        }
        Matcher work = DESTROYED_IN.matcher(destroyed);
        assertTrue(work.find(), destroyed);
        long xzoneMs = Long.parseLong(work.group(1));
        long xlMs = xlDestroyOfTheSameSetup(lab);
        System.out.printf("destroy of a running PV zone with a disk and a vif: xzone %d ms (command %d ms, JVM start"
                + " included), xl destroy %d ms%n", xzoneMs, spanMs(destroyed, "xzone-destroy"), xlMs);
        assertTrue(xzoneMs < Math.max(10_000, 5 * xlMs), "xzone's destroy took " + xzoneMs + " ms, xl's " + xlMs + " ms");
    }

    /**
     * The block script refuses a writable disk on a file without write permission (ebusy, "is read-only"), after the
     * first disk's loop device is set up: the undo must free that one without waiting for a Closed blkback withholds.
     */
    @Test
    void aLaunchFailingAtItsDevicesUndoesTheDiskWithoutWaitingForBlkback(Lab lab) {
        String failed = lab.run(String.join("\n",
                "dd if=/dev/zero of=/tmp/z-undo.img bs=1M count=8 2>/dev/null",
                "dd if=/dev/zero of=/tmp/z-undo-ro.img bs=1M count=8 2>/dev/null",
                "chmod 444 /tmp/z-undo-ro.img",
                "cat > /tmp/z-undo.toml <<'EOF'",
                pvSpec("z-undo",
                        "[[disk]]",
                        "path = \"/tmp/z-undo.img\"",
                        "target = \"xvda\"",
                        "[[disk]]",
                        "path = \"/tmp/z-undo-ro.img\"",
                        "target = \"xvdb\"") + "EOF",
                ZoneScripts.XZONE + " --verbose zone launch --no-supervise /tmp/z-undo.toml 2>&1",
                "echo \"exit $?\"",
                "echo \"domains $(xl list | grep -c '^z-undo ')\"",
                "echo \"nodes $(xenstore-ls -f / | grep -c z-undo)\"",
                "echo \"backends $(xenstore-ls -f " + BACKENDS + " 2>/dev/null | grep -c '/vbd/')\"",
                "echo \"loop $(losetup -a | grep -c /tmp/z-undo)\"",
                "rm -f /tmp/z-undo.img /tmp/z-undo-ro.img")).output();
        List<String> lines = failed.lines().toList();
        assertTrue(lines.contains("exit 1"), failed);
        assertTrue(failed.contains("failed at step devices: vbd 51728"), failed);
        assertTrue(failed.contains("block remove (backend/vbd/"), failed);
        assertFalse(failed.contains("did not close"), failed);
        assertTrue(lines.contains("domains 0"), failed);
        assertTrue(lines.contains("nodes 0"), failed);
        assertTrue(lines.contains("backends 0"), failed);
        assertTrue(lines.contains("loop 0"), failed);
    }

    /** A zone spec: the tiny PV guest pinned to CPU 1, then {@code lines}; ends with a newline. */
    private static String pvSpec(String name, String... lines) {
        List<String> spec = new ArrayList<>(List.of("name = \"" + name + "\"", "backend = \"pv\"", "memory = 128",
                "cpus = \"1\"", "kernel = \"" + Lab.GUEST_VMLINUX + "\"", "ramdisk = \"" + Lab.GUEST_INITRD + "\""));
        spec.addAll(List.of(lines));
        return String.join("\n", spec) + "\n";
    }

    /** xl create of the same disk and vif, and the time xl destroy of the running guest takes; checks xl cleaned up. */
    private static long xlDestroyOfTheSameSetup(Lab lab) {
        String output = lab.runOk(String.join("\n",
                "cp " + Lab.SHARE + "/disk.img /tmp/z-xl.img",
                "cat > /tmp/z-xl.cfg <<'EOF'",
                "name = \"" + XL_NAME + "\"",
                "type = \"pv\"",
                "memory = 128",
                "cpus = \"1\"",
                "kernel = \"" + Lab.GUEST_VMLINUX + "\"",
                "ramdisk = \"" + Lab.GUEST_INITRD + "\"",
                "extra = \"console=hvc0\"",
                "disk = [ \"/tmp/z-xl.img,raw,xvda,rw\" ]",
                "vif = [ \"bridge=xenbr0,mac=00:16:3e:5a:01:03\" ]",
                "EOF",
                "xl create /tmp/z-xl.cfg",
                "domid=$(xl domid " + XL_NAME + ")",
                "log=" + Lab.GUEST_CONSOLE_LOGS + "/guest-" + XL_NAME + ".log",
                "i=0",
                "until grep -a -q 'XZONE-NET' $log 2>/dev/null; do",
                "  i=$((i + 1)); [ $i -lt 2700 ] || { echo 'no XZONE-NET after 9 minutes'; cat $log; xl destroy " + XL_NAME
                        + "; exit 1; }",
                "  usleep 200000",
                "done",
                "read t0 _ < /proc/uptime",
                "xl destroy " + XL_NAME,
                "read t1 _ < /proc/uptime",
                "echo \"xl-destroy $t0 $t1\"",
                "echo \"backends $(xenstore-ls -f " + BACKENDS + " 2>/dev/null | grep -c \"/$domid/\")\"",
                "echo \"loop $(losetup -a | grep -c /tmp/z-xl.img)\"",
                "rm -f /tmp/z-xl.img")).output();
        List<String> lines = output.lines().toList();
        assertTrue(lines.contains("backends 0"), output);
        assertTrue(lines.contains("loop 0"), output);
        return spanMs(output, "xl-destroy");
    }

    private static long spanMs(String output, String name) {
        Matcher m = SPAN.matcher(output);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return Math.round((Double.parseDouble(m.group(3)) - Double.parseDouble(m.group(2))) * 1000);
            }
        }
        throw new AssertionError("no " + name + " line in:\n" + output);
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

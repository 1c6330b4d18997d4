package io.xzone.it.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.Lab;
import io.xzone.cli.lab.ScriptResult;
import io.xzone.convert.testing.SampleGuests;
import io.xzone.it.lab.XenLab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A PV guest converted in the lab's dom0 as an operator would do it on a Xen host: its disk (the GRUB 2 layout, built
 * on the host, with {@link TinyBzImage} as its kernel) goes into dom0's own storage and its PV xl.cfg into the share;
 * in dom0 {@code xzone convert pv-to-hvm} edits the disk and builds the GRUB CD there, and {@code xzone zone launch}
 * starts the zone spec the converter wrote, untouched. The marker must reach ttyS0, read from the device model's
 * serial pty, with the command line of the converted grub.cfg.
 *
 * <p>The disk is copied out of the share because the device model reads it sector by sector while GRUB loads the
 * kernel through the BIOS: over 9p (uncached) each read would also be a round trip to the host.
 */
@XenLab
class ConvertedGuestLabTest {
    private static final String NAME = "conv-grub2";
    private static final String FOLDER = "convert";
    /** In dom0: the folder of the xl.cfg (where the converter writes its configs), and the disk in dom0's storage. */
    private static final String GUEST_DIR = Lab.SHARE + "/" + FOLDER;
    private static final String DISK = "/var/lib/xen/images/" + NAME + ".img";
    /** HVM under TCG inside TCG: hvmloader, SeaBIOS, GRUB from the CD, then the guest's grub.cfg and kernel. */
    private static final Duration MARKER_TIMEOUT = Duration.ofMinutes(20);

    @Test
    void aGuestConvertedInDom0BootsAsAnHvmZoneFromItsGrubCdToTheMarkerOnTtyS0(Lab lab) throws Exception {
        Path share = Files.createDirectories(lab.hostShare().resolve(FOLDER));
        Path kernel = TinyBzImage.build(share.resolve("tiny-bzImage"), MarkerInitrd.MARKER);
        Path initrd = Files.writeString(share.resolve("initrd.img"), "the tiny kernel needs no initrd; GRUB loads it all the same\n");
        SampleGuests.GRUB2.build(share.resolve("disk.img"), kernel, initrd);
        Files.writeString(share.resolve(NAME + ".cfg"), String.join("\n",
                "# The PV guest as it ran before: pygrub found /boot/grub/grub.cfg on partition 1.",
                "name = \"" + NAME + "\"",
                "memory = 128",
                "vcpus = 1",
                "cpus = \"1\"",
                "bootloader = \"pygrub\"",
                "disk = [ 'file:" + DISK + ",xvda,w' ]", ""));

        lab.runOk("mkdir -p " + DISK.substring(0, DISK.lastIndexOf('/')) + " && cp " + GUEST_DIR + "/disk.img " + DISK);
        ScriptResult converted = lab.runOk("cd " + GUEST_DIR + " && xzone convert pv-to-hvm " + NAME + ".cfg && cat "
                + NAME + ".zone.toml");
        assertTrue(converted.output().contains(NAME + ": converted"), converted.output());
        String spec = Files.readString(share.resolve(NAME + ".zone.toml"));
        assertTrue(spec.contains("path = \"" + DISK + "\"") && spec.contains("cpus = \"1\""), spec);

        Path serial = share.resolve(NAME + ".ttyS0.log");
        ScriptResult launched = lab.runOk(String.join("\n",
                "cd " + GUEST_DIR,
                "xzone zone launch --no-supervise " + NAME + ".zone.toml",
                "tty=$(xenstore-read /local/domain/$(xl domid " + NAME + ")/serial/0/tty)",
                "echo \"serial pty $tty\"",
                "(setsid cat $tty >> " + GUEST_DIR + "/" + serial.getFileName() + " 2>/dev/null &)"));
        long launchedAt = System.nanoTime();
        assertTrue(launched.output().contains("zone " + NAME + " runs as HVM domain"), launched.output());
        try {
            String seen = awaitMarker(serial, launchedAt);
            long seconds = Duration.ofNanos(System.nanoTime() - launchedAt).toSeconds();
            System.out.printf("[lab] conversion in dom0 %d s, launch %d s, marker on ttyS0 %d s after the launch%n",
                    converted.duration().toSeconds(), launched.duration().toSeconds(), seconds);
            assertTrue(seen.contains(MarkerInitrd.MARKER + " "), tail(seen));
            String cmdline = seen.substring(seen.indexOf(MarkerInitrd.MARKER)).lines().findFirst().orElseThrow();
            assertTrue(cmdline.contains("console=ttyS0") && !cmdline.contains("hvc0"), cmdline);
        } catch (AssertionError e) {
            System.out.println(lab.run("xl list; tail -n 40 /var/log/xen/qemu-dm-" + NAME + ".log; xl dmesg | tail -n 40")
                    .output());
            throw e;
        } finally {
            lab.run("xl destroy " + NAME + " 2>/dev/null; rm -f " + DISK);
        }
        assertEquals("", lab.runOk("xl list | grep '^" + NAME + " ' || true").output().strip());
    }

    /** The serial log once it shows the marker line in full; fails with its tail at the deadline. */
    private static String awaitMarker(Path serial, long since) throws Exception {
        long deadline = since + MARKER_TIMEOUT.toNanos();
        String seen = "";
        long nextReport = System.nanoTime();
        while (System.nanoTime() < deadline) {
            seen = Files.exists(serial) ? new String(Files.readAllBytes(serial), StandardCharsets.ISO_8859_1) : "";
            int at = seen.indexOf(MarkerInitrd.MARKER);
            if (at >= 0 && seen.indexOf('\n', at) > 0) {
                return seen;
            }
            if (System.nanoTime() >= nextReport) {
                System.out.printf("[lab] %d s after the launch, ttyS0 has %d bytes%n",
                        Duration.ofNanos(System.nanoTime() - since).toSeconds(), seen.length());
                nextReport = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("no marker on ttyS0 within " + MARKER_TIMEOUT.toMinutes() + " minutes; its tail:\n" + tail(seen));
    }

    private static String tail(String text) {
        return text.length() <= 3000 ? text : text.substring(text.length() - 3000);
    }
}

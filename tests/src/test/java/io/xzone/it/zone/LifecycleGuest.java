package io.xzone.it.zone;

import io.xzone.cli.lab.CpioArchive;
import io.xzone.cli.lab.Lab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An initrd for lifecycle tests, put into the lab's share: its init prints the tiny guest's marker line, then
 * {@value #CPUS} with the CPUs the kernel brought online and the ACPI tables it found, and idles. With
 * {@code xzone.shutdown=obey} on the command line it honours Xen's shutdown requests: Linux answers control/shutdown
 * by running /sbin/poweroff or /sbin/reboot (orderly_poweroff, orderly_reboot), which here power off or reboot at once.
 * Without it those programs do not exist, so the kernel cannot act on the request and the guest runs on. (The lab's
 * tiny guest ignores requests too: its /sbin/poweroff is busybox's, which signals a PID 1 that has no handler.)
 */
final class LifecycleGuest {
    static final String CPUS = "XZONE-CPUS";
    /** In dom0: where {@link #install} puts the initrd. */
    static final String INITRD = "/lab/share/lifecycle-initrd.cpio";
    private static final String INIT = """
            #!/bin/busybox sh
            /bin/busybox --install -s
            export PATH=/bin:/sbin:/usr/bin:/usr/sbin
            mount -t proc proc /proc
            mount -t sysfs sysfs /sys
            mount -t devtmpfs devtmpfs /dev
            rm -f /sbin/poweroff /sbin/reboot
            case " $(cat /proc/cmdline) " in
                *" xzone.shutdown=obey "*)
                    printf '#!/bin/sh\\nsync\\nexec /bin/busybox poweroff -f\\n' > /sbin/poweroff
                    printf '#!/bin/sh\\nsync\\nexec /bin/busybox reboot -f\\n' > /sbin/reboot
                    chmod 755 /sbin/poweroff /sbin/reboot ;;
            esac
            echo "XZONE-MARKER guest_type=$(cat /sys/hypervisor/guest_type)" > /dev/console
            tables=$(ls /sys/firmware/acpi/tables 2>/dev/null | tr '\\n' ' ')
            echo "XZONE-CPUS online=$(cat /sys/devices/system/cpu/online) acpi_tables=${tables:-none}" > /dev/console
            while true; do sleep 3600; done
            """;

    private LifecycleGuest() {
    }

    /** Writes the initrd into the lab's share (dom0 sees it at {@link #INITRD}). */
    static void install(Lab lab) throws IOException {
        Path target = lab.hostShare().resolve(Path.of(INITRD).getFileName());
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try (CpioArchive cpio = new CpioArchive(temp)) {
            for (String dir : new String[] {"bin", "sbin", "usr/bin", "usr/sbin", "proc", "sys", "dev"}) {
                cpio.directory(dir);
            }
            cpio.characterDevice("dev/console", 5, 1);
            cpio.file("bin/busybox", Path.of("/bin/busybox").toRealPath(), 0755);
            cpio.file("init", INIT.getBytes(StandardCharsets.UTF_8), 0755);
        }
        Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** `zone launch` flags for this guest on the lab's kernel, pinned to CPU 1 with every vCPU. */
    static String launchFlags(String name, String backend, int vcpus, boolean obey) {
        return "-V " + backend + " -n " + name + " -m 128 -c " + vcpus + " --cpus 1 -k /lab/guest/vmlinux -i " + INITRD
                + " --cmdline 'console=hvc0" + (obey ? " xzone.shutdown=obey" : "") + "'";
    }
}

package io.xzone.it.lab;

import io.xzone.cli.lab.Lab;
import io.xzone.cli.lab.ScriptResult;
import java.util.Arrays;
import java.util.List;

/**
 * Starts the lab's tiny guest with {@code xl create} and reads the guest_type its marker line reports from
 * xenconsoled's log. For tests of any lab profile.
 */
public final class TinyGuest {
    private static final String MARKER = "XZONE-MARKER guest_type=";

    private TinyGuest() {
    }

    /** The words of {@code xl info}'s virt_caps line. */
    public static List<String> virtCaps(Lab lab) {
        String line = lab.runOk("xl info | grep '^virt_caps'").output().strip();
        return Arrays.asList(line.substring(line.indexOf(':') + 1).strip().split("\\s+"));
    }

    /**
     * The xl.cfg of a tiny guest that powers off after printing its marker; {@code type} is pv, pvh or hvm. Pinned to
     * CPU 1, away from dom0 (see XEN-FACTS: sharing CPUs makes dom0 processes crash under TCG).
     */
    public static String config(String name, String type) {
        boolean hvm = type.equals("hvm");
        return String.join("\n",
                "name = \"" + name + "\"",
                "type = \"" + type + "\"",
                "kernel = \"" + (hvm ? Lab.GUEST_BZIMAGE : Lab.GUEST_VMLINUX) + "\"",
                "ramdisk = \"" + Lab.GUEST_INITRD + "\"",
                "extra = \"console=" + (hvm ? "ttyS0" : "hvc0") + " xzone.then=poweroff\"",
                "memory = 128",
                "vcpus = 1",
                "cpus = \"1\"",
                "on_poweroff = \"destroy\"",
                "") + (hvm ? "serial = \"pty\"\n" : "");
    }

    /**
     * Creates the guest, waits (up to 5 minutes) for its marker in /var/log/xen/console/guest-NAME.log, destroys it
     * if it still runs, and returns the guest_type it printed.
     */
    public static String bootAndReadGuestType(Lab lab, String name, String type) {
        String log = Lab.GUEST_CONSOLE_LOGS + "/guest-" + name + ".log";
        ScriptResult result = lab.runOk(String.join("\n",
                "rm -f " + log,
                "cat > /tmp/" + name + ".cfg <<'EOF'",
                config(name, type) + "EOF",
                "xl create /tmp/" + name + ".cfg || exit 1",
                "i=0",
                "until grep -a -q '" + MARKER + "' " + log + " 2>/dev/null; do",
                "  i=$((i + 1)); [ $i -lt 1500 ] || { echo 'no marker after 5 minutes'; cat " + log + "; exit 1; }",
                "  usleep 200000",
                "done",
                "grep -a '" + MARKER + "' " + log,
                "xl destroy " + name + " 2>/dev/null",
                "true"));
        String line = result.output().lines().filter(l -> l.contains(MARKER)).findFirst().orElseThrow();
        return line.substring(line.indexOf(MARKER) + MARKER.length()).strip();
    }
}

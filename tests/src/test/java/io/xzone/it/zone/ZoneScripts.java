package io.xzone.it.zone;

import io.xzone.cli.lab.Lab;
import io.xzone.cli.lab.ScriptResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shell snippets that drive `xzone zone ...` in the lab's dom0 and read what the tiny guest prints. */
public final class ZoneScripts {
    /** The launcher on dom0's PATH ({@code bin/xzone} of the shared project), as an operator runs xzone. */
    public static final String XZONE = "xzone";
    private static final Pattern RUNS = Pattern.compile("zone (\\S+) runs as (PV|PVH|HVM) domain (\\d+)");
    private static final String MARKER = "XZONE-MARKER guest_type=";

    private ZoneScripts() {
    }

    /** Flags that launch the tiny guest pinned to CPU 1; {@code then} is shell, poweroff or reboot. */
    public static String launchFlags(String name, String backend, String then) {
        boolean hvm = backend.equals("hvm");
        return "-V " + backend + " -n " + name + " -m 128 --cpus 1 -k /lab/guest/" + (hvm ? "bzImage" : "vmlinux")
                + " -i /lab/guest/initrd.cpio --cmdline 'console=" + (hvm ? "ttyS0" : "hvc0") + " xzone.then=" + then + "'";
    }

    /**
     * Waits (up to 5 minutes) until `xl list` no longer shows the zone, and returns how many xenstore nodes still
     * mention its name (0 when everything of it is gone).
     */
    static int awaitGone(Lab lab, String name) {
        String output = lab.run(String.join("\n",
                "i=0",
                "while xl list | grep -q '^" + name + " '; do",
                "  i=$((i + 1)); [ $i -lt 1500 ] || { echo 'still there'; xl list; exit 1; }",
                "  usleep 200000",
                "done",
                "xenstore-ls -f / | grep -c " + name + " || true")).output();
        String last = output.strip().lines().reduce((a, b) -> b).orElse("");
        if (!last.matches("\\d+")) {
            throw new AssertionError(name + " did not go away:\n" + output);
        }
        return Integer.parseInt(last);
    }

    /** The domid a `zone launch` output reports. */
    static int domid(String output) {
        Matcher m = RUNS.matcher(output);
        if (!m.find()) {
            throw new AssertionError("no 'runs as' line in:\n" + output);
        }
        return Integer.parseInt(m.group(3));
    }

    /** Waits (up to 10 minutes: HVM under TCG is slow) for the guest's marker in xenconsoled's log; its guest_type. */
    static String marker(Lab lab, String name) {
        String line = consoleLine(lab, name, MARKER);
        return line.substring(line.indexOf(MARKER) + MARKER.length()).strip();
    }

    /** Waits (up to 9 minutes) for the first line of the guest's console log containing {@code text}, and returns it. */
    static String consoleLine(Lab lab, String name, String text) {
        String log = "/var/log/xen/console/guest-" + name + ".log";
        ScriptResult result = lab.runOk(String.join("\n",
                "i=0",
                "until grep -a -q '" + text + "' " + log + " 2>/dev/null; do",
                "  i=$((i + 1)); [ $i -lt 2700 ] || { echo 'no " + text + " after 9 minutes'; tail -c 2000 " + log + "; exit 1; }",
                "  usleep 200000",
                "done",
                "grep -a -m1 '" + text + "' " + log));
        return result.output().lines().filter(l -> l.contains(text)).findFirst().orElseThrow();
    }
}

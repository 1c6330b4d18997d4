package io.xzone.it.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.Lab;
import io.xzone.cli.lab.ScriptResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code xzone console} on real Xen: zones created by xl (xenconsoled serves hvc0, QEMU serves ttyS0), the command
 * run in dom0 without a TTY, keystrokes fed through a fifo so the escape key can be sent when the test is done.
 */
@XenLab
class ConsoleLabTest {
    private static final Duration LONG = Duration.ofMinutes(20);

    /** The tiny guest keeping a shell on its console instead of powering off after its marker. */
    private static String config(String name, String type) {
        return TinyGuest.config(name, type).replace(" xzone.then=poweroff", "");
    }

    /**
     * Shell lines that start a viewer reading keys from fifo /tmp/NAME.in, its output in /tmp/NAME.out; the script
     * then holds the fifo open on a descriptor of its own (so the viewer's input does not end) to type through.
     */
    private static String viewer(String name, String args) {
        return String.join("\n",
                "rm -f /tmp/" + name + ".in; mkfifo /tmp/" + name + ".in",
                "xzone console " + args + " < /tmp/" + name + ".in > /tmp/" + name + ".out 2>&1 &",
                "");
    }

    /** Waits up to {@code seconds} for {@code text} in a file, else prints it and fails the script. */
    private static String await(String file, String text, int seconds) {
        return String.join("\n",
                "i=0",
                "until grep -a -q '" + text + "' " + file + " 2>/dev/null; do",
                "  i=$((i + 1)); [ $i -lt " + seconds * 5 + " ] || { echo 'no \"" + text + "\" in " + file + "'; cat "
                        + file + "; exit 1; }",
                "  usleep 200000",
                "done",
                "");
    }

    @Test
    void typesIntoAPvZonesShellWithTwoViewersAndSeesAnHvmZonesTtyS0(Lab lab) {
        String script = String.join("\n",
                "set -u",
                "cat > /tmp/cpv.cfg <<'EOF'", config("cpv", "pv") + "EOF",
                "cat > /tmp/chvm.cfg <<'EOF'", config("chvm", "hvm") + "EOF",
                "xl create /tmp/cpv.cfg || exit 1",
                await("/var/log/xen/console/guest-cpv.log", "XZONE-MARKER guest_type=PV", 300),
                // Two viewers of hvc0 at once; the first one types into the guest's shell.
                viewer("v1", "cpv"),
                "exec 8<>/tmp/v1.in",
                viewer("v2", "cpv -t pv"),
                "exec 9<>/tmp/v2.in",
                await("/tmp/v1.out", "attached to cpv pv (hvc0)", 120),
                await("/tmp/v2.out", "attached to cpv pv (hvc0)", 120),
                "printf 'echo ANSWER-$((6*7))\\r' >&8",
                await("/tmp/v1.out", "^ANSWER-42", 120),
                await("/tmp/v2.out", "^ANSWER-42", 120),
                "printf '\\035' >&8; printf '\\035' >&9",
                await("/tmp/v1.out", "detached from cpv pv (hvc0)", 60),
                await("/tmp/v2.out", "detached from cpv pv (hvc0)", 60),
                "echo PV-OK",
                // The HVM zone's primary console is its serial port, served by QEMU.
                "xl create /tmp/chvm.cfg || exit 1",
                viewer("v3", "chvm --wait 120"),
                "exec 8<>/tmp/v3.in",
                await("/tmp/v3.out", "XZONE-MARKER guest_type=HVM", 900),
                "grep -a 'attached to chvm serial (ttyS0)' /tmp/v3.out || exit 1",
                "xl destroy chvm",
                await("/tmp/v3.out", "ended (the zone went away)", 60),
                "echo HVM-OK",
                "xl destroy cpv",
                "cat /tmp/v1.out",
                "");
        ScriptResult result = lab.run(script, LONG);
        lab.run("xl destroy cpv 2>/dev/null; xl destroy chvm 2>/dev/null; true");
        assertTrue(result.ok() && result.output().contains("PV-OK") && result.output().contains("HVM-OK"),
                result.summary() + "\n" + result.output());
    }
}

package io.xzone.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.Lab;
import io.xzone.cli.lab.ScriptResult;
import io.xzone.it.lab.XenLab;
import io.xzone.it.zone.ZoneScripts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code xzone console} on real Xen: a PV zone's hvc0 and an HVM zone's ttyS0, as an operator uses them. Each
 * {@code xzone console} runs in a tmux pane in dom0 (80x24, as over ssh): the test types with {@code send-keys} and
 * reads the screen with {@code capture-pane}, so the command sees a real terminal (raw mode, the escape key, the
 * full-screen menu). One PV zone (a busybox shell on hvc0) and one HVM zone (the same guest on ttyS0) serve every test:
 * the HVM zone is launched first and watched on its serial console from the start, as it takes minutes to boot under
 * TCG. Every wait has an explicit limit and prints the pane, and on failure the zones' console logs and the serial
 * tail of the lab.
 */
@XenLab
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleLabTest {
    private static final String PV = "z-con-pv";
    private static final String HVM = "z-con-hvm";
    private static final String MARKER = "XZONE-MARKER guest_type=";
    /** A JVM start in dom0 under TCG takes 10-20 s, the console server is one more: attaching gets 3 minutes. */
    private static final int ATTACH_SECONDS = 180;
    /** The HVM zone's firmware and kernel under TCG on a loaded host: about 4 minutes, up to 10 seen. */
    private static final int HVM_BOOT_SECONDS = 900;

    /** Shell functions for every script: tmux on its own socket, and waiting for text on a pane. */
    private static final String TMUX = String.join("\n",
            "T='tmux -u -S /tmp/xzone-console-lab.sock'",
            "# pane NAME COMMAND: a detached 80x24 pane running COMMAND, kept with its exit status when it ends.",
            "# TERM=screen: dom0 has no infocmp, and screen is a terminal jline describes by itself.",
            "pane() { $T new-session -d -s \"$1\" -x 80 -y 24 \"TERM=screen $2; echo \\\"[exit \\$?]\\\"; sleep 3600\"; }",
            "screen() { $T capture-pane -p -S -3000 -t \"$1\"; }",
            "# wait_for NAME REGEX SECONDS: until a line of the pane (scrollback included) matches; wall-clock time, as",
            "# every look at the pane is slow under TCG",
            "wait_for() {",
            "  end=$(($(date +%s) + $3))",
            "  until screen \"$1\" 2>/dev/null | grep -qE \"$2\"; do",
            "    if [ $(date +%s) -ge $end ]; then",
            "      echo \"no /$2/ on pane $1 after $3 s; it shows:\"; screen \"$1\"; return 1",
            "    fi",
            "    sleep 1",
            "  done",
            "}",
            "");

    @BeforeAll
    static void launchBothZones(Lab lab) {
        lab.runOk(TMUX + String.join("\n",
                "$T kill-server 2>/dev/null; xl destroy " + PV + " 2>/dev/null; xl destroy " + HVM + " 2>/dev/null",
                ZoneScripts.XZONE + " zone launch --no-supervise " + ZoneScripts.launchFlags(HVM, "hvm", "shell")
                        + " || exit 1",
                // QEMU drops serial output while nobody holds the pty: watch it from now on (and start the server).
                "pane hvm-watch 'xzone console " + HVM + " -t serial'",
                ZoneScripts.XZONE + " zone launch --no-supervise " + ZoneScripts.launchFlags(PV, "pv", "shell")
                        + " || exit 1",
                "wait_for hvm-watch 'attached to' " + ATTACH_SECONDS));
    }

    @AfterAll
    static void destroyBothZones(Lab lab) {
        lab.run(TMUX + "$T kill-server 2>/dev/null; xl destroy " + PV + " 2>/dev/null; xl destroy " + HVM
                + " 2>/dev/null; true");
    }

    @Test
    @Order(1)
    void aCommandTypedIntoThePvConsoleIsAnswered(Lab lab) {
        ScriptResult result = run(lab, String.join("\n",
                "pane pv1 'xzone console " + PV + "'",
                "wait_for pv1 'attached to " + PV + "' " + ATTACH_SECONDS,
                // The guest's shell may have printed its prompt before anyone listened: ask for a fresh one.
                "i=0",
                "until screen pv1 | grep -qE '^[~/].* # *$'; do",
                "  $T send-keys -t pv1 Enter; sleep 2; i=$((i + 1))",
                "  [ $i -lt 60 ] || { echo 'no shell prompt on hvc0:'; screen pv1; exit 1; }",
                "done",
                // Ctrl-U first: busybox asks the terminal for the cursor position at each prompt, and an answer that
                // reaches the guest late (split by the console path under TCG) is left on the line as typed text.
                "$T send-keys -t pv1 C-u 'echo $((6*7))' Enter",
                "wait_for pv1 '^42 *$' 60",
                "screen pv1"), Duration.ofMinutes(8));
        assertTrue(result.output().lines().anyMatch(l -> l.strip().equals("42")), result.output());
    }

    @Test
    @Order(2)
    void twoViewersAtOnceBothSeeTheOutputAndTheEscapeKeyLeaves(Lab lab) {
        ScriptResult result = run(lab, String.join("\n",
                "$T has-session -t pv1 2>/dev/null || pane pv1 'xzone console " + PV + "'",
                "wait_for pv1 'attached to " + PV + "' " + ATTACH_SECONDS,
                "pane pv2 'xzone console " + PV + "'",
                "wait_for pv2 'attached to " + PV + "' " + ATTACH_SECONDS,
                "sleep 2",
                "$T send-keys -t pv2 C-u 'echo $((7*8))' Enter",
                "wait_for pv2 '^56 *$' 60",
                "wait_for pv1 '^56 *$' 30",
                "$T send-keys -t pv2 C-]",
                "wait_for pv2 'detached from' 60",
                "wait_for pv2 '^\\[exit 0\\]' 30",
                "echo '--- pv1'; screen pv1; echo '--- pv2'; screen pv2"), Duration.ofMinutes(8));
        String pv1 = result.output().substring(result.output().indexOf("--- pv1"), result.output().indexOf("--- pv2"));
        assertTrue(pv1.lines().anyMatch(l -> l.strip().equals("56")), "the first viewer saw the answer:\n" + pv1);
        assertTrue(pv1.contains("echo $((7*8))"), "and the command the second viewer typed:\n" + pv1);
    }

    @Test
    @Order(4)
    void theHvmZonesSerialConsoleShowsItsMarker(Lab lab) {
        ScriptResult result = run(lab, String.join("\n",
                "wait_for hvm-watch '" + MARKER + "' " + HVM_BOOT_SECONDS,
                // A late viewer gets the marker from the server's history.
                "pane hvm 'xzone console " + HVM + " -t serial'",
                "wait_for hvm 'attached to " + HVM + "' " + ATTACH_SECONDS,
                "wait_for hvm '" + MARKER + "' 60",
                "screen hvm | grep -a -m1 '" + MARKER + "'"), Duration.ofMinutes(20));
        assertTrue(result.output().lines().anyMatch(l -> l.contains(MARKER + "HVM")), result.output());
    }

    @Test
    @Order(3)
    void theMenuListsBothZonesWithTheirConsoles(Lab lab) {
        ScriptResult result = run(lab, String.join("\n",
                "pane menu 'xzone console'",
                "wait_for menu '^[ >]*" + PV + " ' " + ATTACH_SECONDS,
                "wait_for menu '" + HVM + " ' 30",
                "sleep 3", // one refresh more, so the states are the server's and not the first guesses
                "echo '--- menu'; screen menu; echo '--- end'",
                "$T send-keys -t menu q",
                "wait_for menu '^\\[exit 0\\]' 60"), Duration.ofMinutes(6));
        String output = result.output();
        List<String> menu = output.substring(output.indexOf("--- menu"), output.indexOf("--- end")).lines().toList();
        assertTrue(menu.size() - 2 <= 24, "fits 24 lines:\n" + String.join("\n", menu));
        assertTrue(menu.stream().allMatch(l -> l.length() <= 80), "fits 80 columns:\n" + String.join("\n", menu));
        assertTrue(List.of("live", "idle").contains(state(menu, PV, "pv (hvc0)")), String.join("\n", menu));
        assertEquals("absent", state(menu, PV, "serial (ttyS0)"), String.join("\n", menu));
        assertTrue(List.of("live", "idle").contains(state(menu, HVM, "serial (ttyS0)")), String.join("\n", menu));
        assertTrue(row(menu, PV, "pv (hvc0)").contains(" PV "), String.join("\n", menu));
        assertTrue(row(menu, HVM, "serial (ttyS0)").contains(" HVM "), String.join("\n", menu));
    }

    /** The menu row of one console of one zone. */
    private static String row(List<String> menu, String zone, String console) {
        return menu.stream().filter(l -> l.replaceFirst("^[ >*]+", "").startsWith(zone + " ") && l.contains(console))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + zone + " " + console + " in:\n"
                        + String.join("\n", menu)));
    }

    /** The STATE column of that row: the word after the console. */
    private static String state(List<String> menu, String zone, String console) {
        String line = row(menu, zone, console);
        return line.substring(line.indexOf(console) + console.length()).strip().split("\\s+")[0];
    }

    /** Runs a script with the tmux functions; on failure shows the zones' console logs as xenconsoled kept them. */
    private static ScriptResult run(Lab lab, String script, Duration timeout) {
        ScriptResult result = lab.run(TMUX + "set -e # a wait that runs out ends the script\n" + script, timeout);
        if (!result.ok()) {
            String logs = lab.run("for f in " + Lab.GUEST_CONSOLE_LOGS + "/guest-" + PV + ".log /var/log/xen/qemu-dm-"
                    + HVM + ".log; do echo \"--- $f\"; tail -c 1500 $f; done; xl list").output();
            throw new AssertionError("script failed (exit " + result.exitStatus() + "):\n" + result.output()
                    + "\n" + logs + "\nlab serial tail:\n" + String.join("\n", lab.serialTail(Lab.TAIL_LINES)));
        }
        return result;
    }
}

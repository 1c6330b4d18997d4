package io.xzone.it.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.Lab;
import io.xzone.cli.lab.ScriptResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The XenStore binding in a real dom0, on the real xenstored of a real Xen (tests/src/test/lab/XenStoreCheck.java, run
 * from the project share with the xzone jar): read/write, directory, a transaction, a watch, and a tiny PV guest that
 * xl creates being introduced (@introduceDomain) and, once it powers off, released.
 */
@XenLab
class XenStoreLabTest {
    private static final String GUEST = "xenstore-check";

    @Test
    void bindingSeesAGuestIntroducedAndReleased(Lab lab) {
        ScriptResult result = lab.run(String.join("\n",
                "cat > /tmp/" + GUEST + ".cfg <<'EOF'",
                TinyGuest.config(GUEST, "pv") + "EOF",
                "rm -f xs-watching",
                "java -cp /xzone/toolstack/target/xzone.jar /xzone/tests/src/test/lab/XenStoreCheck.java domains > xs-check.out 2>&1 &",
                "check=$!",
                "i=0",
                "until [ -e xs-watching ]; do",
                "  i=$((i + 1)); [ $i -lt 1500 ] && kill -0 $check 2>/dev/null || break",
                "  usleep 200000",
                "done",
                "xl create /tmp/" + GUEST + ".cfg",
                "wait $check; status=$?",
                "xl destroy " + GUEST + " 2>/dev/null",
                "cat xs-check.out",
                "exit $status"), Duration.ofMinutes(15));
        String output = result.output();
        assertEquals(0, result.exitStatus(), output);
        List<String> oks = output.lines().filter(line -> line.startsWith("ok ")).toList();
        assertEquals(List.of("ok dom0 name", "ok dom0 path", "ok dom0 introduced", "ok write+read", "ok directory",
                "ok watch registered", "ok transaction", "ok watch fired", "ok rm", "ok @introduceDomain fired"),
                oks.subList(0, Math.min(10, oks.size())), output);
        assertTrue(output.lines().anyMatch(line -> line.matches("ok domain \\d+ introduced")), output);
        assertTrue(output.lines().anyMatch(line -> line.matches("ok domain \\d+ released")), output);
    }
}

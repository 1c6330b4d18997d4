package io.xzone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Bad input to {@code xzone lab run} ends before anything is built or booted: one line, exit 2. */
class LabRunCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Xzone.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private void assertOneLine(String expected) {
        assertEquals("xzone: " + expected + System.lineSeparator(), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void missingScriptFileIsBadInput() {
        assertEquals(ExitCode.BAD_INPUT, run("lab", "run", "no/such/script.sh"));
        assertOneLine("script 'no/such/script.sh' does not exist");
    }

    @Test
    void nothingToRunIsBadInput() {
        assertEquals(ExitCode.BAD_INPUT, run("lab", "run"));
        assertOneLine("nothing to run: give a SCRIPT file or -c 'command' (see 'xzone lab run --help')");
    }

    @Test
    void cpuKeepingSmapIsBadInput() {
        assertEquals(ExitCode.BAD_INPUT, run("lab", "run", "--cpu", "max", "-c", "xl info"));
        assertOneLine("--cpu 'max' keeps SMAP, which crashes Xen's dom0 under TCG; add ',-smap'");
    }

    @Test
    void unknownDom0ModeIsBadInput() {
        assertEquals(ExitCode.BAD_INPUT, run("lab", "run", "--dom0", "hvm", "-c", "true"));
        assertTrue(err.toString().startsWith("xzone: Invalid value for option '--dom0'"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void nonPositiveTimeoutIsBadInput() {
        assertEquals(ExitCode.BAD_INPUT, run("lab", "run", "--timeout", "0", "-c", "true"));
        assertOneLine("--timeout must be a positive number of seconds, not 0");
    }

    @Test
    void helpShowsExamplesAndExitCodes() {
        assertEquals(ExitCode.OK, run("lab", "run", "--help"));
        assertTrue(out.toString().contains("xzone lab run -c 'xl info'"), out.toString());
        assertTrue(out.toString().contains("--dom0 pvh"), out.toString());
        assertTrue(out.toString().contains("4   The host lacks a Debian package"), out.toString());
    }
}

package io.xzone.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.zone.LocalZoneEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PreparedCommandLinesTest {
    private final PreparedCommandLines lines = new PreparedCommandLines(new LocalZoneEnvironment());

    @Test
    void eachRequestGetsItsOwnCommandLineWritingToItsOwnStreams() {
        StringWriter out1 = new StringWriter();
        StringWriter err1 = new StringWriter();
        StringWriter out2 = new StringWriter();
        StringWriter err2 = new StringWriter();
        CommandLine first = lines.make(new PrintWriter(out1, true), new PrintWriter(err1, true));
        CommandLine second = lines.make(new PrintWriter(out2, true), new PrintWriter(err2, true));

        assertNotSame(first, second);
        assertEquals(0, first.execute("zone", "--help"));
        assertEquals(2, second.execute("zone", "launch", "--bogus"));

        assertTrue(out1.toString().startsWith("Usage: xzone zone"), out1.toString());
        assertEquals("", err1.toString());
        assertEquals("", out2.toString());
        assertEquals("xzone: Unknown option: '--bogus' (see 'xzone zone launch --help')\n", err2.toString());
    }
}

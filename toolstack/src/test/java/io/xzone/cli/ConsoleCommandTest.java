package io.xzone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Bad input to {@code xzone console} is refused before anything is opened: one line, exit 2. */
class ConsoleCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Xzone.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private String oneErrorLine() {
        String text = err.toString();
        assertEquals(1, text.lines().count(), text);
        return text;
    }

    @Test
    void theMenuWithoutATerminalIsRefusedInOneLine() {
        // Tests run without a TTY, as a script or a pipe would.
        assertEquals(ExitCode.BAD_INPUT, run("console"));
        assertTrue(oneErrorLine().startsWith("xzone: the console menu needs a terminal"), err.toString());
    }

    @Test
    void aBadEscapeKeyIsNamed() {
        assertEquals(ExitCode.BAD_INPUT, run("console", "web1", "--escape", "x"));
        assertTrue(oneErrorLine().contains("--escape: escape key 'x' is not a control key"), err.toString());
    }

    @Test
    void aBadLogCapIsNamed() {
        assertEquals(ExitCode.BAD_INPUT, run("console", "web1", "--log-dir", "logs", "--log-max", "ten"));
        assertTrue(oneErrorLine().contains("--log-max 'ten' is not a size"), err.toString());
    }

    @Test
    void anUnknownConsoleTypeListsTheChoices() {
        assertEquals(ExitCode.BAD_INPUT, run("console", "web1", "-t", "vga"));
        assertTrue(oneErrorLine().contains("auto, pv, serial"), err.toString());
    }

    @Test
    void sizesReadAsOperatorsWriteThem() {
        assertEquals(4096, ByteSize.parse("--log-max", "4096"));
        assertEquals(64 * 1024, ByteSize.parse("--log-max", "64k"));
        assertEquals(10L << 20, ByteSize.parse("--log-max", "10M"));
        assertEquals(1L << 30, ByteSize.parse("--log-max", "1G"));
    }

    @Test
    void helpShowsExamples() {
        assertEquals(ExitCode.OK, run("console", "--help"));
        assertTrue(out.toString().contains("xzone console web1 -t serial"), out.toString());
    }
}

package io.xzone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class XzoneCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(CommandLine cmd, String... args) {
        return cmd.execute(args);
    }

    private CommandLine xzone() {
        return Xzone.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** xzone with one extra subcommand; setErr again because picocli copies streams only to existing subcommands. */
    private CommandLine xzoneWith(Object subcommand) {
        CommandLine cmd = xzone().addSubcommand(subcommand);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd;
    }

    @Test
    void versionNamesTheProjectVersion() {
        assertEquals(0, run(xzone(), "--version"));
        assertTrue(out.toString().matches("xzone \\d+\\.\\d+\\.\\d+\\S* \\(Java .*\\)\\R"), out.toString());
    }

    @Test
    void helpListsTheExitCodes() {
        assertEquals(0, run(xzone(), "--help"));
        assertTrue(out.toString().contains("Exit codes:"), out.toString());
        assertTrue(out.toString().contains("4   The host cannot do what was asked"), out.toString());
    }

    @Test
    void unknownFlagIsOneLineAndExitCodeTwo() {
        assertEquals(ExitCode.BAD_INPUT, run(xzone(), "--frobnicate"));
        String text = err.toString();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("xzone: Unknown option: '--frobnicate'"), text);
    }

    @Command(name = "boom")
    static final class Boom implements Runnable {
        @Override
        public void run() {
            throw new CommandFailure(ExitCode.NOT_FOUND, "zone 'web' does not exist");
        }
    }

    @Command(name = "bug")
    static final class Bug implements Runnable {
        @Override
        public void run() {
            throw new IllegalStateException("unexpected");
        }
    }

    @Test
    void commandFailureIsOneLineWithItsExitCodeAndNoStackTrace() {
        CommandLine cmd = xzoneWith(new Boom());
        assertEquals(ExitCode.NOT_FOUND, run(cmd, "boom"));
        assertEquals("xzone: zone 'web' does not exist" + System.lineSeparator(), err.toString());
    }

    @Test
    void stacktraceFlagAddsTheTrace() {
        CommandLine cmd = xzoneWith(new Boom());
        assertEquals(ExitCode.NOT_FOUND, run(cmd, "boom", "--stacktrace"));
        assertTrue(err.toString().contains("at io.xzone.cli.XzoneCommandTest$Boom.run"), err.toString());
    }

    @Test
    void unexpectedExceptionSaysInternalErrorWithoutTrace() {
        CommandLine cmd = xzoneWith(new Bug());
        assertEquals(ExitCode.FAILED, run(cmd, "bug"));
        assertTrue(err.toString().startsWith("xzone: internal error: java.lang.IllegalStateException: unexpected"));
        assertFalse(err.toString().contains("\tat "), err.toString());
    }
}

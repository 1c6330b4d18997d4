package io.xzone.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.Xzone;
import io.xzone.cli.zone.LocalZoneEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReusedCommandLinesTest {
    @TempDir
    Path temp;
    private final ReusedCommandLines lines = new ReusedCommandLines(new LocalZoneEnvironment());
    private final CommandRunner reusing = new CommandRunner(lines);
    private final CommandRunner fresh = new CommandRunner(() -> {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        return Xzone.commandLine(none, none, new LocalZoneEnvironment());
    });

    /** Exit code, stdout and stderr of one request. */
    private record Outcome(int code, String out, String err) {
    }

    private Outcome run(CommandRunner runner, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = runner.run(List.of(args), temp, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void aLineThatHasRunServesTheNextRequestAsANewLineWould() throws Exception {
        Files.writeString(temp.resolve("web.toml"), "name = \"web\"\nbogus = 1\n");
        Outcome bad = run(reusing, "zone", "launch", "--dry-run", "-V", "pvh", "web.toml");
        assertEquals(2, bad.code(), bad.err());

        // Neither the spec file, -V nor --dry-run of the request before may carry over.
        String[] next = {"zone", "launch", "-n", "db", "-k", "missing-vmlinux"};
        assertEquals(run(fresh, next), run(reusing, next));
        assertFalse(run(reusing, next).err().contains("web.toml"));
    }

    @Test
    void helpAskedOnceIsNotAskedAgain() {
        Outcome help = run(reusing, "zone", "--help");
        Outcome bogus = run(reusing, "zone", "launch", "--bogus");

        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("Usage: xzone zone"), help.out());
        assertEquals(new Outcome(2, "", "xzone: Unknown option: '--bogus' (see 'xzone zone launch --help')\n"), bogus);
    }

    @Test
    void requestsRunningAtTheSameTimeEachGetTheirOwnLine() {
        CommandLine first = lines.take();
        CommandLine second = lines.take();
        lines.giveBack(first);

        assertNotSame(first, second);
        assertSame(first, lines.take());
    }
}

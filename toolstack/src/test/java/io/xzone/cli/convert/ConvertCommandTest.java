package io.xzone.cli.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.ExitCode;
import io.xzone.cli.Xzone;
import io.xzone.convert.testing.SampleGuests;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** xzone convert as an operator runs it: exit codes, one-line errors, diffs, the bulk report and progress bar. */
class ConvertCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int xzone(String... args) {
        return Xzone.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void aMissingConfigIsBadInputInOneLine() {
        assertEquals(ExitCode.BAD_INPUT, xzone("convert", "pv-to-hvm", "--state", "target/none", "/no/such/web.cfg"));
        assertEquals("xzone: web: /no/such/web.cfg: cannot read: no such file\n", err.toString());
    }

    @Test
    void rollingBackAnUnknownGuestIsNotFound() throws Exception {
        Path state = Files.createTempDirectory(SampleGuests.scratch("cli"), "state");
        assertEquals(ExitCode.NOT_FOUND, xzone("convert", "rollback", "--state", state.toString(), "ghost"));
        assertTrue(err.toString().startsWith("xzone: ghost: no conversion of guest 'ghost' is recorded in "), err.toString());
    }

    @Test
    void dryRunPrintsDiffsAndBulkReportsFailuresWithExitSix() throws Exception {
        Path folder = SampleGuests.scratch("cli");
        Path image = SampleGuests.DEBIAN7.build(folder.resolve("deb.img"), null, null);
        Path guests = Files.createDirectories(folder.resolve("guests"));
        Files.writeString(guests.resolve("deb.cfg"), SampleGuests.DEBIAN7.xlConfig("deb", image));
        Files.writeString(guests.resolve("broken.cfg"), "name = 'broken'\ndisk = [ 'nbd:x,xvda,w' ]\n");
        String state = folder.resolve("state").toString();
        String cache = Path.of("target", "grub-iso-cache").toAbsolutePath().toString();

        assertEquals(0, xzone("convert", "pv-to-hvm", "--dry-run", "--state", state, guests.resolve("deb.cfg").toString()));
        assertTrue(out.toString().contains("--- a/etc/inittab\n+++ b/etc/inittab\n"), out.toString());
        assertTrue(out.toString().contains("-1:2345:respawn:/sbin/getty 38400 hvc0\n+1:2345:respawn:/sbin/getty 38400 ttyS0\n"),
                out.toString());

        out.getBuffer().setLength(0);
        assertEquals(ExitCode.PARTIAL, xzone("convert", "bulk", "-j", "2", "--state", state, "--iso-cache", cache,
                guests.toString()));
        assertTrue(out.toString().contains("2 guests: 1 converted, 1 failed"), out.toString());
        assertTrue(out.toString().contains("broken.cfg:2: unknown disk syntax: target prefix 'nbd:'"), out.toString());
        assertTrue(err.toString().contains("2/2 guests, 1 failed"), err.toString());
        assertTrue(Files.readString(Path.of(state, "bulk-report.json")).contains("\"converted\": 1"));
        assertTrue(Files.exists(guests.resolve("deb.hvm.cfg")));
    }
}

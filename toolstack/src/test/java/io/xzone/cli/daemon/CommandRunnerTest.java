package io.xzone.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.zone.LocalZoneEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {
    @TempDir
    Path temp;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandRunner runner = new CommandRunner(new ReusedCommandLines(new LocalZoneEnvironment()));

    private int run(Path cwd, String... args) {
        return runner.run(List.of(args), cwd, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void relativePathsResolveAgainstTheClientsFolderNotTheDaemons() throws Exception {
        Path client = Files.createDirectories(temp.resolve("client"));
        Files.writeString(client.resolve("web.toml"), "name = \"web\"\nbogus = 1\n");

        assertEquals(2, run(client, "zone", "launch", "web.toml"));

        assertEquals("", out.toString());
        assertTrue(err.toString().startsWith("xzone: " + client.resolve("web.toml") + ":2: bogus: unknown key"), err.toString());
    }

    @Test
    void relativeKernelFlagsResolveAgainstTheClientsFolder() throws Exception {
        Path client = Files.createDirectories(temp.resolve("client"));

        int code = run(client, "zone", "launch", "--dry-run", "-V", "pv", "-n", "web", "-k", "vmlinux");

        // Off Xen the launch stops at the Xen connection (3); on Xen at the missing kernel, named in the client's folder (2).
        assertTrue(code == 3 || err.toString().contains(client.resolve("vmlinux").toString()), code + " " + err);
    }

    @Test
    void commandsTheDaemonDoesNotRunAreRefused() {
        assertEquals(2, run(temp, "console", "web"));

        assertEquals("xzone: the xzone daemon runs only the zone commands and host info; run this one with"
                + " XZONE_DAEMON=off\n", err.toString());
    }
}

package io.xzone.boot.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes: libxl's environment reaches the script, a failure carries its last line, a hang is cut off. */
class ProcessHotplugScriptsTest {
    @TempDir
    Path dir;
    private final ProcessHotplugScripts scripts = new ProcessHotplugScripts(Duration.ofSeconds(2));

    private String script(String body) throws Exception {
        Path file = dir.resolve("script");
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file.toString();
    }

    @Test
    void theScriptGetsItsArgumentsAndLibxlsEnvironment() throws Exception {
        Path seen = dir.resolve("seen");
        String script = script("echo \"$1 $2 $XENBUS_PATH $vif\" > " + seen);
        scripts.run(script, List.of("online", "type_if=vif"), new DeviceId(DeviceKind.VIF, 3, 0).hotplugEnvironment(script, false));
        assertEquals("online type_if=vif backend/vif/3/0 vif3.0\n", Files.readString(seen));
    }

    @Test
    void aFailingScriptIsReportedWithItsStatusAndLastLine() throws Exception {
        String script = script("echo working; echo 'losetup: no free loop device' >&2; exit 3");
        HotplugException e = assertThrows(HotplugException.class, () -> scripts.run(script, List.of("add"), Map.of()));
        assertEquals(script + " add exited with status 3: losetup: no free loop device", e.getMessage());
    }

    @Test
    void aScriptThatHangsIsKilledAfterTheTimeout() throws Exception {
        String script = script("sleep 30");
        HotplugException e = assertThrows(HotplugException.class, () -> scripts.run(script, List.of("add"), Map.of()));
        assertEquals(script + " add did not finish within 2 s", e.getMessage());
    }
}

package io.xzone.xen.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link XsPermissions}' (id, perms) int pairs against gcc's layout of {@code struct xs_permissions} in Xen 4.17's xenstore headers. */
class XsPermissionsLayoutTest {

    @Test
    void matchesGcc() throws IOException, InterruptedException {
        Map<String, Long> c = cLayout();
        assertEquals(c.get("size"), (long) XsPermissions.SIZE);
        assertEquals(c.get("id"), (long) XsPermissions.ID_OFFSET, "id");
        assertEquals(c.get("perms"), (long) XsPermissions.PERMS_OFFSET, "perms");
        assertEquals(XsPermissions.PERMS_OFFSET, XsPermissions.ID_OFFSET + Integer.BYTES, "perms follows id: the int pairs");
        assertEquals(c.get("read"), (long) XsPermissions.XS_PERM_READ);
        assertEquals(c.get("write"), (long) XsPermissions.XS_PERM_WRITE);
    }

    private static Map<String, Long> cLayout() throws IOException, InterruptedException {
        Path binary = Files.createDirectories(Path.of("target", "xen-layout")).resolve("xs-permissions-layout");
        run("gcc", "-o", binary.toString(), "src/test/c/xs-permissions-layout.c");
        Map<String, Long> layout = new HashMap<>();
        for (String line : run(binary.toString()).split("\n")) {
            String[] parts = line.split(" ");
            layout.put(parts[0], Long.parseLong(parts[1]));
        }
        return layout;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (gcc and libxen-dev installed?): " + out);
        }
        return out;
    }
}

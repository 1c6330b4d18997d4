package io.xzone.console.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The private folder holding console server sockets: {@code $XZONE_RUN_DIR} if set, else /run/xzone/console when we
 * may write there (root in dom0), else $XDG_RUNTIME_DIR/xzone/console or the temp folder. Mode 0700: whoever can reach
 * a socket can type into a guest's console.
 */
public final class RunDirectory {
    private RunDirectory() {
    }

    public static Path resolve(java.util.Map<String, String> env) throws IOException {
        Path dir;
        if (env.containsKey("XZONE_RUN_DIR")) {
            dir = Path.of(env.get("XZONE_RUN_DIR"));
        } else if (Files.isWritable(Path.of("/run"))) {
            dir = Path.of("/run/xzone/console");
        } else if (env.containsKey("XDG_RUNTIME_DIR")) {
            dir = Path.of(env.get("XDG_RUNTIME_DIR"), "xzone", "console");
        } else {
            dir = Path.of(System.getProperty("java.io.tmpdir"), "xzone-" + System.getProperty("user.name"), "console");
        }
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }
}

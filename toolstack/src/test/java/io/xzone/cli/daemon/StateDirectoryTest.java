package io.xzone.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void aClaimRemovesAbandonedRequestFoldersButKeepsTheFilesOfAZoneNamedLikeOne() throws Exception {
        Path dir = temp.resolve("xzone");
        Path abandoned = Files.createDirectories(dir.resolve("request.Ab12Cd"));
        Files.writeString(abandoned.resolve("args"), "zone\0list\0");
        Path spec = Files.writeString(dir.resolve("request.web.toml"), "name = \"request.web\"\n");
        Path lock = Files.writeString(dir.resolve("request.web.supervisor.lock"), "4242\n");

        try (StateDirectory state = StateDirectory.claim(dir)) {
            assertFalse(Files.exists(abandoned));
            assertEquals("name = \"request.web\"\n", Files.readString(spec));
            assertTrue(Files.exists(lock));
            assertTrue(Files.exists(dir.resolve(StateDirectory.REQUESTS)));
        }
    }
}

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
    void aClaimMakesFreshSlotsAndKeepsTheFilesOfZones() throws Exception {
        Path dir = temp.resolve("xzone");
        Path oldSlots = Files.createDirectories(dir.resolve(RequestSlots.FOLDER));
        Path abandoned = Files.writeString(oldSlots.resolve("3.claim"), "4242\n");
        Path spec = Files.writeString(dir.resolve("slots.toml"), "name = \"slots\"\n");
        Path lock = Files.writeString(dir.resolve("slots.supervisor.lock"), "4242\n");

        try (StateDirectory state = StateDirectory.claim(dir)) {
            assertFalse(Files.exists(abandoned));
            assertEquals("name = \"slots\"\n", Files.readString(spec));
            assertTrue(Files.exists(lock));
            assertTrue(TestClients.isFifo(dir.resolve(StateDirectory.REQUESTS)), "the requests FIFO");
            for (int n = 0; n < RequestSlots.INITIAL; n++) {
                assertTrue(TestClients.isFifo(oldSlots.resolve(n + ".rc")), "slot " + n);
            }
        }
        assertFalse(Files.exists(dir.resolve(StateDirectory.REQUESTS)));
    }
}

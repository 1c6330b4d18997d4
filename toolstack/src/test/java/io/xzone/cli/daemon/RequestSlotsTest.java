package io.xzone.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestSlotsTest {
    @TempDir
    Path temp;
    private RequestSlots slots;

    @BeforeEach
    void create() throws Exception {
        slots = RequestSlots.create(temp);
    }

    @AfterEach
    void close() {
        slots.close();
    }

    @Test
    void onlyAClaimedSlotOfOursCanBeTakenAndOnlyOnce() throws Exception {
        assertTrue(slots.take("0").isEmpty(), "unclaimed");
        claim(0, ProcessHandle.current().pid());
        assertTrue(slots.take("0").isPresent());
        assertTrue(slots.take("0").isEmpty(), "being answered already");
        for (String line : new String[] {"", "-1", "../0", "0 ", "99999", "1000000000"}) {
            assertTrue(slots.take(line).isEmpty(), line);
        }
    }

    @Test
    void moreSlotsAreMadeWhenFewAreFree() throws Exception {
        int claimed = RequestSlots.INITIAL - RequestSlots.MIN_FREE + 1;
        for (int n = 0; n < claimed; n++) {
            claim(n, ProcessHandle.current().pid());
        }

        slots.take("0").orElseThrow();

        assertEquals(RequestSlots.INITIAL + 1, fifos());
    }

    @Test
    void theFifoOfASlotEndsForItsReaderWhenTheSlotsAreClosed() throws Exception {
        try (FileChannel reader = FileChannel.open(new RequestSlots.Slot(5, slots.folder()).rc(), StandardOpenOption.READ)) {
            slots.close();
            // What a waiting client sees when the daemon dies: an end of file, at once.
            assertEquals(-1, reader.read(ByteBuffer.allocate(16)));
        }
    }

    @Test
    void slotsOfClientsThatDiedBeforeTheirRequestAreFreedOthersKept() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        claim(1, gone.pid());
        claim(2, ProcessHandle.current().pid());
        claim(3, gone.pid());
        slots.take("3").orElseThrow(); // its client died after it sent the request: the answer frees it

        slots.reclaimAbandoned();

        assertFalse(Files.exists(new RequestSlots.Slot(1, slots.folder()).claim()));
        assertTrue(Files.exists(new RequestSlots.Slot(2, slots.folder()).claim()));
        assertTrue(Files.exists(new RequestSlots.Slot(3, slots.folder()).claim()));
        assertEquals(RequestSlots.INITIAL, fifos());
    }

    private void claim(int number, long pid) throws Exception {
        Files.writeString(new RequestSlots.Slot(number, slots.folder()).claim(), pid + "\n");
    }

    private long fifos() throws Exception {
        try (Stream<Path> files = Files.list(slots.folder())) {
            return files.filter(file -> file.getFileName().toString().endsWith(".rc")).count();
        }
    }
}

package io.xzone.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestTest {
    @TempDir
    Path folder;

    private RequestSlots.Slot slot() {
        return new RequestSlots.Slot(7, folder);
    }

    @Test
    void readsNulTerminatedArgumentsTheWorkingFolderAndTheClientPid() throws IOException {
        write(slot().args(), "zone\0launch\0\0a b\nc\0");
        write(slot().cwd(), "/srv/with space\n\n");
        write(slot().claim(), "4242\n");

        Request request = Request.read(slot(), StandardCharsets.UTF_8);

        assertEquals(List.of("zone", "launch", "", "a b\nc"), request.args());
        // Only the one newline pwd adds is taken off: a folder name may end in a newline.
        assertEquals(Path.of("/srv/with space\n"), request.cwd());
        assertEquals(4242, request.clientPid());
    }

    @Test
    void noArgumentsIsAnEmptyList() throws IOException {
        write(slot().args(), "");
        write(slot().cwd(), "/\n");
        write(slot().claim(), "1\n");

        assertEquals(List.of(), Request.read(slot(), StandardCharsets.UTF_8).args());
    }

    @Test
    void malformedRequestsAreRefused() throws IOException {
        write(slot().args(), "zone\0launch");
        write(slot().cwd(), "/\n");
        write(slot().claim(), "1\n");
        assertEquals("args does not end with a NUL byte",
                assertThrows(IOException.class, () -> Request.read(slot(), StandardCharsets.UTF_8)).getMessage());

        write(slot().args(), "zone\0");
        write(slot().cwd(), "relative\n");
        assertThrows(IOException.class, () -> Request.read(slot(), StandardCharsets.UTF_8));

        write(slot().cwd(), "/\n");
        write(slot().claim(), "-1\n");
        assertEquals("the slot's claim holds no process id: -1",
                assertThrows(IOException.class, () -> Request.read(slot(), StandardCharsets.UTF_8)).getMessage());

        Files.delete(slot().claim());
        assertEquals("the slot's claim holds no pid",
                assertThrows(IOException.class, () -> Request.read(slot(), StandardCharsets.UTF_8)).getMessage());
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content);
    }
}

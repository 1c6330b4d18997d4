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

    @Test
    void readsNulTerminatedArgumentsTheWorkingFolderAndTheClientPid() throws IOException {
        write("args", "zone\0launch\0\0a b\nc\0");
        write("cwd", "/srv/with space\n\n");
        write("pid", "4242\n");

        Request request = Request.read(folder, StandardCharsets.UTF_8);

        assertEquals(List.of("zone", "launch", "", "a b\nc"), request.args());
        // Only the one newline pwd adds is taken off: a folder name may end in a newline.
        assertEquals(Path.of("/srv/with space\n"), request.cwd());
        assertEquals(4242, request.clientPid());
        assertEquals(folder.resolve("out"), Request.out(folder));
    }

    @Test
    void noArgumentsIsAnEmptyList() throws IOException {
        write("args", "");
        write("cwd", "/\n");
        write("pid", "1\n");

        assertEquals(List.of(), Request.read(folder, StandardCharsets.UTF_8).args());
    }

    @Test
    void malformedRequestsAreRefused() throws IOException {
        write("args", "zone\0launch");
        write("cwd", "/\n");
        write("pid", "1\n");
        assertEquals("args does not end with a NUL byte",
                assertThrows(IOException.class, () -> Request.read(folder, StandardCharsets.UTF_8)).getMessage());

        write("args", "zone\0");
        write("cwd", "relative\n");
        assertThrows(IOException.class, () -> Request.read(folder, StandardCharsets.UTF_8));

        write("cwd", "/\n");
        write("pid", "-1\n");
        assertThrows(IOException.class, () -> Request.read(folder, StandardCharsets.UTF_8));

        Files.delete(folder.resolve("pid"));
        assertThrows(IOException.class, () -> Request.read(folder, StandardCharsets.UTF_8));
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(folder.resolve(name), content);
    }
}

package io.xzone.xen.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes of this user: their descriptors taken with pidfd_getfd and written into. */
class ClientProcessTest {
    @TempDir
    Path temp;
    private Process shell;

    @AfterEach
    void stop() throws InterruptedException {
        if (shell != null) {
            shell.destroyForcibly().waitFor();
        }
    }

    @Test
    void writesIntoTheClientsOwnFileAtItsOffsetSoItsLaterOutputFollows() throws Exception {
        Path out = temp.resolve("out");
        // The shell writes, waits for a line on its stdin, then writes again: our output must land in between.
        shell = shell(out, "echo before; read line; echo after");
        awaitContent(out, "before\n");
        Path passing = Files.createFile(temp.resolve("requests"));

        try (ClientProcess client = ClientProcess.open(shell.pid()).orElseThrow();
             OutputStream stream = client.output(1, passing)) {
            assertTrue(client.isAlive());
            stream.write("middle\n".getBytes(StandardCharsets.UTF_8));
        }
        shell.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
        shell.getOutputStream().flush();

        assertTrue(shell.waitFor(30, TimeUnit.SECONDS));
        assertEquals("before\nmiddle\nafter\n", Files.readString(out));
    }

    @Test
    void aDescriptorPointingAtThePassingFileIsTakenAgainOnceItPointsElsewhere() throws Exception {
        Path out = temp.resolve("out");
        Path requests = Files.createFile(temp.resolve("requests"));
        Path moved = temp.resolve("moved");
        // For its first moments the shell's stdout is the passing file, as while a client's echo writes its request.
        Path ready = temp.resolve("ready");
        shell = shell(out, "exec 1>>'" + requests + "'; : > '" + ready + "'; read line; exec 1>'" + moved + "'; read line");
        awaitFile(ready);

        try (ClientProcess client = ClientProcess.open(shell.pid()).orElseThrow()) {
            Thread release = new Thread(() -> {
                pause(200);
                send(shell, "go\n");
            });
            release.start();
            try (OutputStream stream = client.output(1, requests)) {
                stream.write("for the client\n".getBytes(StandardCharsets.UTF_8));
            }
            release.join();
        }

        assertEquals("for the client\n", Files.readString(moved));
        assertEquals("", Files.readString(requests));
    }

    @Test
    void outputToAClientThatEndedIsDroppedAndAnEndedProcessIsEmpty() throws Exception {
        Path out = temp.resolve("out");
        Path ready = temp.resolve("ready");
        shell = shell(out, ": > '" + ready + "'; read line");
        awaitFile(ready);
        try (ClientProcess client = ClientProcess.open(shell.pid()).orElseThrow();
             OutputStream stream = client.output(1, Files.createFile(temp.resolve("requests")))) {
            send(shell, "end\n");
            assertTrue(shell.waitFor(30, TimeUnit.SECONDS));
            assertFalse(client.isAlive());

            stream.write("too late\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("", Files.readString(out));
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        assertTrue(ClientProcess.open(ended.pid()).isEmpty());
    }

    @Test
    void aClosedDescriptorCannotBeTaken() throws Exception {
        Path ready = temp.resolve("ready");
        shell = shell(temp.resolve("out"), "exec 1>&-; : > '" + ready + "'; read line");
        awaitFile(ready);
        try (ClientProcess client = ClientProcess.open(shell.pid()).orElseThrow()) {
            IOException refused = assertThrows(IOException.class, () -> client.output(1, Files.createFile(temp.resolve("requests"))));
            assertTrue(refused.getMessage().startsWith("pidfd_getfd(fd 1 of process " + shell.pid() + "): EBADF"), refused.getMessage());
        }
    }

    private static Process shell(Path out, String script) throws IOException {
        return new ProcessBuilder("sh", "-c", script).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void send(Process process, String line) {
        try {
            process.getOutputStream().write(line.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until the shell has written {@code expected}. */
    private static void awaitContent(Path out, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(out) && Files.readString(out).equals(expected))) {
            assertTrue(System.nanoTime() < deadline, "the shell did not write " + expected);
            Thread.sleep(20);
        }
    }

    /** Waits until the shell has made {@code marker}: what its script does before is done. */
    private static void awaitFile(Path marker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(marker)) {
            assertTrue(System.nanoTime() < deadline, "the shell did not make " + marker);
            Thread.sleep(20);
        }
    }
}

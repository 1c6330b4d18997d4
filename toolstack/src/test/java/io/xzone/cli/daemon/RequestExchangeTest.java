package io.xzone.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.zone.LocalZoneEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests answered through real FIFOs, as bin/xzone reads them, several at once. */
class RequestExchangeTest {
    @TempDir
    Path temp;
    private final RequestExchange exchange = new RequestExchange(new CommandRunner(new ReusedCommandLines(new LocalZoneEnvironment())));

    /** What a client read: its stdout, stderr and rc. */
    record Answer(String out, String err, String rc) {
    }

    @Test
    void concurrentRequestsEachGetTheirOwnOutputAndExitCode() throws Exception {
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path folder = request("request." + i, "zone", "launch", "--bogus" + i);
            answers.add(CompletableFuture.supplyAsync(() -> read(folder)));
            CompletableFuture.runAsync(() -> exchange.answer(folder));
        }
        for (int i = 0; i < 8; i++) {
            Answer answer = answers.get(i).get(60, TimeUnit.SECONDS);
            assertEquals("", answer.out());
            assertEquals("xzone: Unknown option: '--bogus" + i + "' (see 'xzone zone launch --help')\n", answer.err());
            assertEquals("2\n", answer.rc());
        }
    }

    @Test
    void outputGoesToOutAndRcIsZero() throws Exception {
        Path folder = request("request.help", "zone", "--help");
        CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(() -> read(folder));

        exchange.answer(folder);

        Answer got = answer.get(60, TimeUnit.SECONDS);
        assertTrue(got.out().startsWith("Usage: xzone zone"), got.out());
        assertEquals("", got.err());
        assertEquals("0\n", got.rc());
    }

    @Test
    void aClientThatIsGoneDoesNotHoldTheRequestForever() throws Exception {
        Path folder = request("request.gone", "zone", "--help");
        // A process that has ended: nobody will ever open the FIFOs for reading.
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(folder.resolve("pid"), gone.pid() + "\n");

        CompletableFuture.runAsync(() -> exchange.answer(folder)).get(30, TimeUnit.SECONDS);

        // The command ran to its end, its output went nowhere, and its exit code was written all the same.
        assertEquals("0\n", Files.readString(folder.resolve("rc")));
    }

    @Test
    void aBadRequestIsAnsweredWithExitCode2() throws Exception {
        Path folder = request("request.bad", "zone", "list");
        Files.writeString(folder.resolve("args"), "zone\0list"); // no final NUL
        CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(() -> read(folder));

        exchange.answer(folder);

        Answer got = answer.get(60, TimeUnit.SECONDS);
        assertEquals("xzone: bad request to the xzone daemon (request.bad): args does not end with a NUL byte\n", got.err());
        assertEquals("2\n", got.rc());
    }

    private Path request(String name, String... args) throws IOException {
        Path folder = Files.createDirectories(temp.resolve(name));
        StringBuilder bytes = new StringBuilder();
        for (String arg : args) {
            bytes.append(arg).append('\0');
        }
        Files.writeString(folder.resolve("args"), bytes);
        Files.writeString(folder.resolve("cwd"), temp + "\n");
        Files.writeString(folder.resolve("pid"), ProcessHandle.current().pid() + "\n");
        Fifos.make(folder.resolve("out"));
        Fifos.make(folder.resolve("err"));
        return folder;
    }

    /** Reads both FIFOs to their end, as the client's two cats do, then rc. */
    private static Answer read(Path folder) {
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(folder.resolve("err")));
        String out = readAll(folder.resolve("out"));
        try {
            return new Answer(out, err.get(60, TimeUnit.SECONDS), Files.readString(folder.resolve("rc")));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String readAll(Path fifo) {
        try {
            return new String(Files.readAllBytes(fifo), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

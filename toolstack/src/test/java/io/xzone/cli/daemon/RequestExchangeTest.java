package io.xzone.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.zone.LocalZoneEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests answered into real client processes' own output, through real slots, several at once. */
class RequestExchangeTest {
    @TempDir
    Path temp;
    private RequestSlots slots;
    private RequestExchange exchange;
    private TestClients clients;

    @BeforeEach
    void slots() throws Exception {
        slots = RequestSlots.create(temp);
        Path requests = Files.createFile(temp.resolve("requests"));
        exchange = new RequestExchange(new CommandRunner(new ReusedCommandLines(new LocalZoneEnvironment())), slots, requests);
        clients = new TestClients(temp);
    }

    @AfterEach
    void close() throws Exception {
        clients.close();
        slots.close();
    }

    @Test
    void concurrentRequestsEachGetTheirOwnOutputAndExitCode() throws Exception {
        List<TestClients.Client> waiting = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TestClients.Client client = clients.claim(slots, i, ":", "zone", "launch", "--bogus" + i);
            waiting.add(client);
            RequestSlots.Slot slot = take(i);
            CompletableFuture.runAsync(() -> exchange.answer(slot));
        }
        for (int i = 0; i < 8; i++) {
            TestClients.Client client = waiting.get(i);
            assertEquals("2\n", CompletableFuture.supplyAsync(() -> answer(client)).get(60, TimeUnit.SECONDS));
            assertEquals("", client.stdout());
            assertEquals("xzone: Unknown option: '--bogus" + i + "' (see 'xzone zone launch --help')\n", client.stderr());
        }
    }

    @Test
    void outputGoesToTheClientsStdoutAndTheSlotIsFreedWithAFreshFifo() throws Exception {
        TestClients.Client client = clients.claim(slots, 3, ":", "zone", "--help");
        Object usedFifo = Files.readAttributes(client.slot().rc(), BasicFileAttributes.class).fileKey();

        exchange.answer(take(3));

        assertEquals("0\n", client.awaitAnswer());
        assertTrue(client.stdout().startsWith("Usage: xzone zone"), client.stdout());
        assertEquals("", client.stderr());
        assertFalse(Files.exists(client.slot().claim()));
        assertFalse(Files.exists(client.slot().args()));
        assertNotEquals(usedFifo, Files.readAttributes(client.slot().rc(), BasicFileAttributes.class).fileKey());
        assertTrue(TestClients.isFifo(client.slot().rc()), "the slot has a FIFO again");
    }

    @Test
    void aClientThatIsGoneDoesNotStopTheCommandItsOutputIsDropped() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        TestClients.Client client = clients.claim(slots, 2, gone.pid(), null, temp.resolve("none"), temp.resolve("none"),
                "zone", "--help");

        CompletableFuture.runAsync(() -> exchange.answer(take(2))).get(30, TimeUnit.SECONDS);

        // The command ran to its end, its output went nowhere, and its exit code was written all the same.
        assertEquals("0\n", client.awaitAnswer());
        assertFalse(Files.exists(client.slot().claim()));
    }

    @Test
    void aBadRequestIsAnsweredWithExitCode2() throws Exception {
        TestClients.Client client = clients.claim(slots, 1, ":", "zone", "list");
        Files.writeString(client.slot().args(), "zone\0list"); // no final NUL

        exchange.answer(take(1));

        assertEquals("2\n", client.awaitAnswer());
        assertEquals("xzone: bad request to the xzone daemon (slot 1): args does not end with a NUL byte\n", client.stderr());
    }

    @Test
    void aClientWhoseOutputCannotBeTakenRunsTheCommandItself() throws Exception {
        TestClients.Client client = clients.claim(slots, 4, "exec 1>&-", "zone", "list");

        exchange.answer(take(4));

        String answer = client.awaitAnswer();
        assertTrue(answer.startsWith(RequestExchange.UNSERVED + "pidfd_getfd(fd 1 of process " + client.process().pid() + "): EBADF"),
                answer);
    }

    @Test
    void aRequestThatFailsBeforeItsCommandRunsIsAnsweredUnserved() throws Exception {
        // A pid no process can have (over 2^31): opening the client fails before anything ran.
        TestClients.Client client = clients.claim(slots, 5, 9_999_999_999L, null, temp.resolve("none"), temp.resolve("none"),
                "zone", "list");

        exchange.answer(take(5));

        String answer = client.awaitAnswer();
        assertTrue(answer.startsWith(RequestExchange.UNSERVED), answer);
        assertFalse(Files.exists(client.slot().claim()), "the slot is free again");
    }

    private RequestSlots.Slot take(int number) {
        Optional<RequestSlots.Slot> slot = slots.take(Integer.toString(number));
        assertTrue(slot.isPresent(), "slot " + number + " is not taken");
        return slot.get();
    }

    private static String answer(TestClients.Client client) {
        try {
            return client.awaitAnswer();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

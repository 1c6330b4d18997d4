package io.xzone.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Clients as bin/xzone is one, for the daemon's unit tests: a real shell process whose stdout and stderr are files
 * (the daemon writes into them through copies of its descriptors), a slot claimed with its pid and its request
 * written, and the slot's FIFO held open for reading.
 */
final class TestClients implements AutoCloseable {
    /** One client: its process, output files and its end of the slot's FIFO. */
    record Client(Process process, RequestSlots.Slot slot, Path out, Path err, FileChannel answer) {
        /** The answer line, as the client's read gets it (empty at an end of file). */
        String awaitAnswer() throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(256);
            while (answer.read(buffer) > 0 && buffer.get(buffer.position() - 1) != '\n') {
                // More to come.
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }

        String stdout() throws IOException {
            return Files.readString(out);
        }

        String stderr() throws IOException {
            return Files.readString(err);
        }
    }

    private final Path temp;
    private final List<Client> clients = new ArrayList<>();

    TestClients(Path temp) {
        this.temp = temp;
    }

    /** A shell that waits (its {@code before} done first, e.g. "exec 1>&-"), claiming slot {@code number} for {@code args}. */
    Client claim(RequestSlots slots, int number, String before, String... args) throws Exception {
        Path out = temp.resolve("out." + number);
        Path err = temp.resolve("err." + number);
        Path ready = temp.resolve("ready." + number);
        Process process = new ProcessBuilder("sh", "-c", before + "; : > '" + ready + "'; read line")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(ready)) {
            assertTrue(System.nanoTime() < deadline, "the client shell did not start");
            Thread.sleep(10);
        }
        return claim(slots, number, process.pid(), process, out, err, args);
    }

    /** Claims slot {@code number} for a process that is not ours to start (say, one that has ended). */
    Client claim(RequestSlots slots, int number, long pid, Process process, Path out, Path err, String... args) throws IOException {
        RequestSlots.Slot slot = new RequestSlots.Slot(number, slots.folder());
        Files.writeString(slot.claim(), pid + "\n");
        StringBuilder bytes = new StringBuilder();
        for (String arg : args) {
            bytes.append(arg).append('\0');
        }
        Files.writeString(slot.args(), bytes);
        Files.writeString(slot.cwd(), temp + "\n");
        Client client = new Client(process, slot, out, err, FileChannel.open(slot.rc(), StandardOpenOption.READ));
        clients.add(client);
        return client;
    }

    /** Whether {@code file} is a FIFO (or another file that is neither regular, folder nor link). */
    static boolean isFifo(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
    }

    @Override
    public void close() throws Exception {
        for (Client client : clients) {
            client.answer().close();
            if (client.process() != null) {
                client.process().destroyForcibly().waitFor();
            }
        }
    }
}

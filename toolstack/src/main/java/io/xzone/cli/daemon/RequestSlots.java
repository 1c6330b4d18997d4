package io.xzone.cli.daemon;

import io.xzone.xen.proc.NamedPipes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slots clients send their requests through, in the folder {@code slots} of the daemon's folder: slot N is the
 * FIFO {@code N.rc}, which the daemon holds open for reading and writing for as long as the slot exists, the client's
 * {@code N.claim} (its pid; the client makes it with O_EXCL, so a slot has one client at a time), {@code N.args}
 * and {@code N.cwd} (see {@link Request}). A client reads its answer from {@code N.rc}: one line, the exit code, once the command has
 * ended. Because the daemon is a writer of every slot's FIFO from the start, a client waiting on it reads an end of
 * file the moment the daemon dies, however it dies; and because the daemon made the slots, a request costs the client
 * no process (its shell's builtins do all of it: on a PV dom0 each fork costs 15-30 ms).
 *
 * <p>A used slot gets a fresh FIFO before its claim is removed (an answer the client never read must not reach the
 * next one); at least {@link #MIN_FREE} slots stay free, and claims of clients that died before they sent their
 * request are taken back by {@link #reclaimAbandoned}.
 */
final class RequestSlots {
    static final String FOLDER = "slots";
    static final int INITIAL = 16;
    static final int MIN_FREE = 8;
    private static final Logger LOG = LoggerFactory.getLogger(RequestSlots.class);

    /** One slot: its number and the FIFO the daemon holds open. */
    record Slot(int number, Path folder) {
        Path rc() {
            return folder.resolve(number + ".rc");
        }

        Path args() {
            return folder.resolve(number + ".args");
        }

        Path cwd() {
            return folder.resolve(number + ".cwd");
        }

        Path claim() {
            return folder.resolve(number + ".claim");
        }

        @Override
        public String toString() {
            return "slot " + number;
        }
    }

    private final Path folder;
    private final NavigableMap<Integer, FileChannel> fifos = new TreeMap<>();
    private final Set<Integer> answering = new HashSet<>();

    private RequestSlots(Path folder) {
        this.folder = folder;
    }

    /** Makes the slots folder in {@code stateFolder} afresh (slots of an earlier daemon are of no use) with its first slots. */
    static RequestSlots create(Path stateFolder) throws IOException {
        Path folder = stateFolder.resolve(FOLDER);
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> old = Files.newDirectoryStream(folder)) {
                for (Path file : old) {
                    Files.delete(file);
                }
            }
        } else {
            Files.createDirectory(folder);
        }
        RequestSlots slots = new RequestSlots(folder);
        for (int n = 0; n < INITIAL; n++) {
            slots.open(n);
        }
        return slots;
    }

    Path folder() {
        return folder;
    }

    /**
     * The slot a request line names, now being answered; empty when the line names none of ours or no client claimed
     * it. Makes more slots when fewer than {@link #MIN_FREE} are left.
     */
    synchronized Optional<Slot> take(String line) {
        if (!line.matches("[0-9]{1,6}")) {
            return Optional.empty();
        }
        int number = Integer.parseInt(line);
        Slot slot = new Slot(number, folder);
        if (!fifos.containsKey(number) || answering.contains(number) || !Files.exists(slot.claim())) {
            return Optional.empty();
        }
        answering.add(number);
        growIfShort();
        return Optional.of(slot);
    }

    /** Writes the answer line to the slot's client, then gives the slot a fresh FIFO and frees it. */
    synchronized void answer(Slot slot, String line) {
        FileChannel fifo = fifos.remove(slot.number());
        try (fifo) {
            // The client holds its end open (it opened it before it sent the request): the line waits there for it.
            fifo.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            LOG.warn("{}: the answer could not be written: {}", slot, e.getMessage());
        }
        answering.remove(slot.number());
        free(slot);
    }

    /** Frees the slots whose client died before it sent its request (say, killed between its claim and its request). */
    synchronized void reclaimAbandoned() {
        for (int number : Set.copyOf(fifos.keySet())) {
            Slot slot = new Slot(number, folder);
            if (!answering.contains(number) && claimedByTheDead(slot)) {
                LOG.info("{}: its client (pid {}) is gone before it sent a request; freed", slot, claimant(slot).orElse("?"));
                closeQuietly(fifos.remove(number));
                free(slot);
            }
        }
    }

    private static boolean claimedByTheDead(Slot slot) {
        return claimant(slot).filter(pid -> pid.matches("[1-9][0-9]{0,9}"))
                .map(pid -> ProcessHandle.of(Long.parseLong(pid)).map(process -> !process.isAlive()).orElse(true))
                .orElse(false);
    }

    /** The pid in the slot's claim; empty when there is no claim, or while its client is writing it. */
    static Optional<String> claimant(Slot slot) {
        try {
            String pid = Files.readString(slot.claim()).strip();
            return pid.isEmpty() ? Optional.empty() : Optional.of(pid);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Gives the slot a FIFO nobody has written into, then removes its claim: a client may take it again. */
    private void free(Slot slot) {
        try {
            open(slot.number());
            Files.deleteIfExists(slot.args());
            Files.deleteIfExists(slot.cwd());
            Files.deleteIfExists(slot.claim());
        } catch (IOException e) {
            // The slot stays claimed: clients use the others (and more are made when few are left).
            LOG.warn("{} could not be made ready again: {}", slot, e.getMessage());
        }
    }

    private void growIfShort() {
        long free = fifos.keySet().stream().filter(n -> !Files.exists(new Slot(n, folder).claim())).count();
        int next = fifos.isEmpty() ? 0 : fifos.lastKey() + 1;
        for (; free < MIN_FREE; free++, next++) {
            try {
                open(next);
            } catch (IOException e) {
                // The slots there are still serve; a client that finds none free waits, then runs a JVM of its own.
                LOG.warn("cannot make {}: {}", new Slot(next, folder), e.getMessage());
                return;
            }
        }
    }

    /**
     * Makes the slot's FIFO under another name, opens it for reading and writing, then renames it into place: a client
     * never finds the FIFO without the daemon holding it (it would read an end of file at once, as if the daemon had
     * died). A FIFO in place is replaced whole; a client that still holds the old one reads it to its end.
     */
    private void open(int number) throws IOException {
        Slot slot = new Slot(number, folder);
        Path making = folder.resolve(number + ".rc.new");
        Files.deleteIfExists(making);
        NamedPipes.make(making);
        FileChannel fifo = FileChannel.open(making, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Files.move(making, slot.rc(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fifos.put(number, fifo);
    }

    /** Closes every slot's FIFO: clients waiting on one read an end of file, as they would if the daemon had died. */
    synchronized void close() {
        fifos.values().forEach(RequestSlots::closeQuietly);
        fifos.clear();
    }

    private static void closeQuietly(FileChannel fifo) {
        try {
            fifo.close();
        } catch (IOException e) {
            // Its end is closed either way.
        }
    }
}

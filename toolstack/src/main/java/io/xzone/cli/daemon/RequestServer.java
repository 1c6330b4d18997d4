package io.xzone.cli.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads slot numbers from the state folder's FIFO, one line each (clients write a line shorter than PIPE_BUF in one
 * write, so concurrent clients' lines never mix), and answers each slot's request on a thread of its own.
 */
final class RequestServer {
    private static final Logger LOG = LoggerFactory.getLogger(RequestServer.class);

    private static final int PIPE_BUF = 4096;
    private static final int RECLAIM_SECONDS = 5;

    private final StateDirectory state;
    private final RequestExchange exchange;
    private final AtomicInteger counter = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "xzone-request-" + counter.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    RequestServer(StateDirectory state, RequestExchange exchange) {
        this.state = state;
        this.exchange = exchange;
    }

    /**
     * Serves until the FIFO fails (it never ends: the daemon holds it open for writing too); meanwhile every few seconds
     * frees the slots of clients that died before they sent their request.
     */
    void serve() throws IOException {
        ScheduledExecutorService reclaimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "xzone-slot-reclaimer");
            thread.setDaemon(true);
            return thread;
        });
        reclaimer.scheduleWithFixedDelay(state.slots()::reclaimAbandoned, RECLAIM_SECONDS, RECLAIM_SECONDS, TimeUnit.SECONDS);
        try {
            read();
        } finally {
            reclaimer.shutdownNow();
        }
    }

    private void read() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(PIPE_BUF);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        // Bytes, not a Reader: a channel's Reader waits to fill its buffer before it hands out a line.
        while (state.requests().read(buffer) >= 0) {
            buffer.flip();
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    dispatch(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
            buffer.clear();
        }
    }

    private void dispatch(String line) {
        Optional<RequestSlots.Slot> slot = state.slots().take(line);
        if (slot.isEmpty()) {
            LOG.warn("ignored a request line that names no claimed slot of {}: {}", state.slots().folder(), line);
            return;
        }
        threads.execute(() -> exchange.answer(slot.get()));
    }
}

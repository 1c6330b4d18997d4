package io.xzone.cli.daemon;

import io.xzone.cli.ExitCode;
import io.xzone.xen.proc.ClientProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request (see {@link Request}): the command writes into the client's own stdout and stderr (copies of
 * its descriptors, {@link ClientProcess}: the same terminal, pipe or file, at the same offset), which are closed when
 * it ends (a pipeline after the client sees its end of file then); then the exit code goes into the slot. A client
 * that went away (Ctrl-C) does not stop the command: it runs to its end and its output is dropped. When the client's
 * output cannot be taken (a kernel without pidfd_getfd, say), the answer is "unserved" and why, and the client runs
 * the command in a JVM of its own.
 */
final class RequestExchange {
    /** The answer's start when the daemon did not run the command. */
    static final String UNSERVED = "unserved ";
    private static final Logger LOG = LoggerFactory.getLogger(RequestExchange.class);
    /** How the JVM decodes its own argv, so both ways of running xzone read arguments and folder names alike. */
    private static final Charset ARGV = Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));

    private final CommandRunner runner;
    private final RequestSlots slots;
    /** The FIFO clients write their request into: a client's stdout points at it while it does. */
    private final Path requests;

    RequestExchange(CommandRunner runner, RequestSlots slots, Path requests) {
        this.runner = runner;
        this.slots = slots;
        this.requests = requests;
    }

    void answer(RequestSlots.Slot slot) {
        // What the client gets should even an Error (out of memory, say) end the request: the command may have run in
        // part, so the client must not run it again.
        String answer = Integer.toString(ExitCode.FAILED);
        try {
            answer = Integer.toString(run(slot, Request.clientPid(slot)));
        } catch (IOException | RuntimeException e) {
            // Before the command ran (the command's own failures are its exit code): the client runs it itself.
            LOG.warn("{}: not served, the client runs it itself: {}", slot, e.toString());
            answer = UNSERVED + Objects.requireNonNullElse(e.getMessage(), e.toString());
        } finally {
            slots.answer(slot, answer);
        }
    }

    /** Runs the slot's command into its client's output; its exit code. */
    private int run(RequestSlots.Slot slot, long clientPid) throws IOException {
        Optional<ClientProcess> client = ClientProcess.open(clientPid);
        try (OutputStream outStream = client.isPresent() ? client.get().output(1, requests) : OutputStream.nullOutputStream();
             OutputStream errStream = client.isPresent() ? client.get().output(2, requests) : OutputStream.nullOutputStream()) {
            PrintWriter out = writer(outStream);
            PrintWriter err = writer(errStream);
            int code = run(slot, out, err);
            out.flush();
            err.flush();
            return code;
        } finally {
            client.ifPresent(ClientProcess::close);
        }
    }

    private int run(RequestSlots.Slot slot, PrintWriter out, PrintWriter err) {
        Request request;
        try {
            request = Request.read(slot, ARGV);
        } catch (IOException e) {
            LOG.warn("bad request in {}: {}", slot, e.getMessage());
            err.println("xzone: bad request to the xzone daemon (" + slot + "): " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        LOG.debug("{}: xzone {}", slot, String.join(" ", request.args()));
        long start = System.nanoTime();
        try {
            int code = runner.run(request.args(), request.cwd(), out, err);
            LOG.info("{} (pid {}): xzone {} -> exit {} in {} ms", slot, request.clientPid(), String.join(" ", request.args()),
                    code, (System.nanoTime() - start) / 1_000_000);
            return code;
        } catch (RuntimeException e) {
            LOG.error("{} failed", slot, e);
            err.println("xzone: internal error in the xzone daemon: " + e + " (see its log)");
            return ExitCode.FAILED;
        }
    }

    private static PrintWriter writer(OutputStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, Charset.defaultCharset()), true);
    }
}

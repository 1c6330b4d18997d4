package io.xzone.cli.daemon;

import io.xzone.cli.ExitCode;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request (see {@link Request}): the command's stdout and stderr into the client's FIFOs {@code out} and
 * {@code err}, then its exit code into {@code rc} (written whole: a temporary file renamed), then the FIFOs closed,
 * which ends the client's readers; so the client finds rc once its readers are done. A client that went away (Ctrl-C)
 * does not stop the command: it runs to its end and its output is dropped.
 */
final class RequestExchange {
    private static final Logger LOG = LoggerFactory.getLogger(RequestExchange.class);
    /** How the JVM decodes its own argv, so both ways of running xzone read arguments and folder names alike. */
    private static final Charset ARGV = Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));

    private final CommandRunner runner;

    RequestExchange(CommandRunner runner) {
        this.runner = runner;
    }

    void answer(Path folder) {
        long start = System.nanoTime();
        Request request;
        try {
            request = Request.read(folder, ARGV);
        } catch (IOException e) {
            LOG.warn("bad request {}: {}", folder, e.getMessage());
            answer(folder, () -> Files.isDirectory(folder), (out, err) -> {
                err.println("xzone: bad request to the xzone daemon (" + folder.getFileName() + "): " + e.getMessage());
                return ExitCode.BAD_INPUT;
            });
            return;
        }
        LOG.debug("{}: xzone {}", folder.getFileName(), String.join(" ", request.args()));
        BooleanSupplier clientAlive = () -> ProcessHandle.of(request.clientPid()).map(ProcessHandle::isAlive).orElse(false);
        int code = answer(folder, clientAlive, (out, err) -> runner.run(request.args(), request.cwd(), out, err));
        LOG.info("{}: xzone {} -> exit {} in {} ms", folder.getFileName(), String.join(" ", request.args()), code,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** The work of one request, given its output streams. */
    interface Work {
        int run(PrintWriter out, PrintWriter err);
    }

    private static int answer(Path folder, BooleanSupplier clientAlive, Work work) {
        try (FileChannel outFifo = Fifos.openForWriting(Request.out(folder), clientAlive);
             FileChannel errFifo = Fifos.openForWriting(Request.err(folder), clientAlive)) {
            PrintWriter out = writer(outFifo);
            PrintWriter err = writer(errFifo);
            int code;
            try {
                code = work.run(out, err);
            } catch (RuntimeException e) {
                LOG.error("request {} failed", folder.getFileName(), e);
                err.println("xzone: internal error in the xzone daemon: " + e + " (see its log)");
                code = ExitCode.FAILED;
            }
            out.flush();
            err.flush();
            Path partial = Files.writeString(folder.resolve("rc.partial"), code + "\n");
            Files.move(partial, Request.rc(folder), StandardCopyOption.ATOMIC_MOVE);
            return code;
        } catch (IOException e) {
            LOG.info("request {}: the client went away ({})", folder.getFileName(), e.getMessage());
            return ExitCode.FAILED;
        }
    }

    private static PrintWriter writer(FileChannel fifo) {
        return new PrintWriter(new OutputStreamWriter(Channels.newOutputStream(fifo), Charset.defaultCharset()), true);
    }
}

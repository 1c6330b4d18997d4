package io.xzone.cli.daemon;

import io.xzone.cli.zone.ZoneEnvironment;
import io.xzone.cli.Xzone;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;

/**
 * Command lines built ahead of the requests that use them: building picocli's model (reflection over every command
 * class and option) is most of what a request costs the daemon beyond the command's own work, so the next request's
 * command line is built on a background thread once a request has run. Not while it runs: on a dom0 with one vCPU
 * the build would take that CPU from the request (measured in the lab: ~0.1 s of a 1.5 s launch). Each is used once
 * (its command objects keep the parsed values), then given the request's streams.
 */
final class PreparedCommandLines implements CommandRunner.CommandLines {
    private final ZoneEnvironment zones;
    private final BlockingQueue<CommandLine> ready = new ArrayBlockingQueue<>(1);
    /** Whether one is built or being built: there is never more than one. */
    private final AtomicBoolean prepared = new AtomicBoolean();
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "xzone-command-line-builder");
        thread.setDaemon(true);
        return thread;
    });

    PreparedCommandLines(ZoneEnvironment zones) {
        this.zones = zones;
        ran();
    }

    @Override
    public CommandLine make(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = ready.poll();
        if (commandLine == null) {
            commandLine = build(); // concurrent requests, or the next one is still being built: the request does not wait
        } else {
            prepared.set(false);
        }
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine;
    }

    @Override
    public void ran() {
        if (prepared.compareAndSet(false, true)) {
            builder.execute(() -> ready.offer(build()));
        }
    }

    private CommandLine build() {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        return Xzone.commandLine(none, none, zones);
    }
}

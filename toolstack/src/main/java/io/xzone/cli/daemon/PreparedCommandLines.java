package io.xzone.cli.daemon;

import io.xzone.cli.zone.ZoneEnvironment;
import io.xzone.cli.Xzone;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine;

/**
 * Command lines built ahead of the requests that use them: building picocli's model (reflection over every command
 * class and option) is most of what a request costs the daemon beyond the command's own work, so while one request
 * runs, the next one's command line is built on a background thread. Each is used once (its command objects keep
 * the parsed values), then given the request's streams.
 */
final class PreparedCommandLines implements CommandRunner.CommandLines {
    private final ZoneEnvironment zones;
    private final BlockingQueue<CommandLine> ready = new ArrayBlockingQueue<>(1);
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "xzone-command-line-builder");
        thread.setDaemon(true);
        return thread;
    });

    PreparedCommandLines(ZoneEnvironment zones) {
        this.zones = zones;
        prepareNext();
    }

    @Override
    public CommandLine make(PrintWriter out, PrintWriter err) {
        CommandLine prepared = ready.poll();
        CommandLine commandLine;
        if (prepared != null) {
            commandLine = prepared;
            prepareNext();
        } else {
            commandLine = build(); // the next one is still being built (concurrent requests): the request does not wait
        }
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine;
    }

    /** Builds one in the background; there is never more than one built or being built. */
    private void prepareNext() {
        builder.execute(() -> ready.offer(build()));
    }

    private CommandLine build() {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        return Xzone.commandLine(none, none, zones);
    }
}

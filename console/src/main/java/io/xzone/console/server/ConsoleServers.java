package io.xzone.console.server;

import io.xzone.console.attach.ConsoleLink;
import io.xzone.console.mux.ConsoleStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The client side: reaches the server of a console, starting one when none answers, and attaches to it or asks its
 * status.
 */
public final class ConsoleServers {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final long RETRY_MILLIS = 50;

    private final ServerLauncher launcher;
    private final LogSettings log;

    /**
     * @param log log settings passed to servers this client starts (null: no log files); a running server keeps its own
     */
    public ConsoleServers(ServerLauncher launcher, LogSettings log) {
        this.launcher = launcher;
        this.log = log;
    }

    /** Attaches as a viewer: the link's output starts with the console's history. */
    public ConsoleLink attach(ConsoleAddress address, String ptyPath) throws IOException {
        SocketChannel channel = connect(address, ptyPath);
        Wire.writeLine(SocketStreams.out(channel), Wire.ATTACH);
        return new SocketLink(channel);
    }

    public ConsoleStatus status(ConsoleAddress address, String ptyPath) throws IOException {
        try (SocketChannel channel = connect(address, ptyPath)) {
            Wire.writeLine(SocketStreams.out(channel), Wire.STATUS);
            return Wire.decode(Wire.readLine(SocketStreams.in(channel)));
        }
    }

    /** True when a server answers on this socket. */
    static boolean answers(Path socket) {
        try (SocketChannel ignored = open(socket)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private SocketChannel connect(ConsoleAddress address, String ptyPath) throws IOException {
        try {
            return open(address.socket());
        } catch (IOException notRunning) {
            launcher.launch(address, ptyPath, log);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                return open(address.socket());
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the console server for " + ptyPath + " did not start" + lastWords(address));
                }
                sleep();
            }
        }
    }

    private static SocketChannel open(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private static String lastWords(ConsoleAddress address) throws IOException {
        if (!Files.exists(address.serverLog())) {
            return "";
        }
        List<String> lines = Files.readAllLines(address.serverLog());
        return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1) + " (see " + address.serverLog() + ")";
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the console server");
        }
    }

    /** A viewer's connection to a server. */
    private static final class SocketLink implements ConsoleLink {
        private final SocketChannel channel;
        private final InputStream output;
        private final OutputStream input;

        SocketLink(SocketChannel channel) {
            this.channel = channel;
            this.output = SocketStreams.in(channel);
            this.input = SocketStreams.out(channel);
        }

        @Override
        public InputStream output() {
            return output;
        }

        @Override
        public OutputStream input() {
            return input;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a socket we are done with: nothing to do about a failure
            }
        }
    }
}

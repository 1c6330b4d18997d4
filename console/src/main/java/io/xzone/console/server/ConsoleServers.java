package io.xzone.console.server;

import io.xzone.console.ConsoleTarget;
import io.xzone.console.attach.ConsoleLink;
import io.xzone.console.mux.ConsoleStatus;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The client side: reaches the console server on its socket, starting one when none answers, and attaches to a
 * console or asks its status.
 */
public final class ConsoleServers {
    /** A JVM start: about a second here, 10-20 s in a dom0 under TCG or on a loaded host. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final long RETRY_MILLIS = 50;

    private final Path socket;
    private final ServerLauncher launcher;

    public ConsoleServers(Path socket, ServerLauncher launcher) {
        this.socket = socket;
        this.launcher = launcher;
    }

    /** Attaches as a viewer: the link's output starts with the console's history. */
    public ConsoleLink attach(ConsoleTarget target) throws IOException {
        SocketChannel channel = request(Wire.ATTACH, target);
        return ConsoleLink.of(SocketStreams.in(channel), SocketStreams.out(channel), () -> closeQuietly(channel));
    }

    public ConsoleStatus status(ConsoleTarget target) throws IOException {
        try (SocketChannel channel = request(Wire.STATUS, target)) {
            return Wire.decode(answer(channel));
        }
    }

    /**
     * Sends one request and reads the "ok". A server that was just exiting (its last console ended) may close the
     * connection unanswered: then a fresh one is started, once.
     */
    private SocketChannel request(String verb, ConsoleTarget target) throws IOException {
        for (int attempt = 1; ; attempt++) {
            SocketChannel channel = connect();
            try {
                Wire.writeLine(SocketStreams.out(channel), Wire.request(verb, target));
                if (verb.equals(Wire.ATTACH)) {
                    answer(channel);
                }
                return channel;
            } catch (ConsoleUnavailable e) {
                channel.close();
                throw e;
            } catch (IOException e) {
                channel.close();
                if (attempt == 2) {
                    throw e;
                }
            }
        }
    }

    private static String answer(SocketChannel channel) throws IOException {
        return Wire.expectOk(Wire.readLine(SocketStreams.in(channel)));
    }

    /** True when a server answers on this socket. */
    static boolean answers(Path socket) {
        try (SocketChannel ignored = open(socket)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private SocketChannel connect() throws IOException {
        try {
            return open(socket);
        } catch (IOException notRunning) {
            launcher.launch(socket);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                return open(socket);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the console server did not start on " + socket + lastWords());
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

    private String lastWords() throws IOException {
        Path log = ProcessServerLauncher.serverLog(socket);
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log);
        return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1) + " (see " + log + ")";
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the console server");
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket we are done with: nothing to do about a failure
        }
    }
}

package io.xzone.console.server;

import io.xzone.console.ConsoleTarget;
import io.xzone.console.mux.ConsoleMultiplexer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the consoles of this host on one Unix socket, so that any number of {@code xzone console} processes (several
 * operators, the picker) share each console: a pty has one reader, and two readers would each get half the bytes.
 * One server holds every console asked for, each opened on first request (see {@link ConsoleRegistry}).
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    private final Path socket;
    private final ServerSocketChannel channel;
    private final ConsoleRegistry registry;
    private final Thread acceptor;

    private ConsoleServer(Path socket, ServerSocketChannel channel, ConsoleRegistry registry) {
        this.socket = socket;
        this.channel = channel;
        this.registry = registry;
        this.acceptor = new Thread(this::acceptLoop, "console-server");
        this.acceptor.setDaemon(true);
    }

    /** Thrown when a live server already answers on the socket. */
    public static final class AlreadyServed extends IOException {
        private static final long serialVersionUID = 1L;

        AlreadyServed(Path socket) {
            super("a console server already listens on " + socket);
        }
    }

    /** Binds the socket (replacing one left by a server that died) and starts accepting requests. */
    static ConsoleServer start(Path socket, ConsoleRegistry registry) throws IOException {
        if (Files.exists(socket)) {
            if (ConsoleServers.answers(socket)) {
                throw new AlreadyServed(socket);
            }
            Files.delete(socket);
        }
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(socket));
        ConsoleServer server = new ConsoleServer(socket, channel, registry);
        server.acceptor.start();
        return server;
    }

    private void acceptLoop() {
        while (channel.isOpen()) {
            try {
                SocketChannel client = channel.accept();
                Thread handler = new Thread(() -> handle(client), "console-client");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                if (channel.isOpen()) {
                    LOG.warn("accepting on {}: {}", socket, e.toString());
                }
                return;
            }
        }
    }

    /** Answers one request; an attached viewer's socket then belongs to the console's multiplexer. */
    private void handle(SocketChannel client) {
        boolean attached = false;
        try {
            InputStream in = SocketStreams.in(client);
            OutputStream out = SocketStreams.out(client);
            String request = Wire.readLine(in);
            ConsoleTarget target = Wire.target(request);
            ConsoleMultiplexer mux;
            try {
                mux = registry.get(target);
            } catch (IOException | RuntimeException e) {
                LOG.info("cannot open {}: {}", target.describe(), e.getMessage());
                Wire.writeLine(out, Wire.error("cannot open the console's pty: " + e.getMessage()));
                return;
            }
            switch (Wire.verb(request)) {
                case Wire.STATUS -> Wire.writeLine(out, Wire.OK + " " + Wire.encode(mux.status()));
                case Wire.ATTACH -> {
                    Wire.writeLine(out, Wire.OK);
                    mux.attach(client);
                    attached = true;
                }
                default -> Wire.writeLine(out, Wire.error("unknown request: " + request));
            }
        } catch (IOException e) {
            LOG.debug("client connection: {}", e.toString());
        } finally {
            if (!attached) {
                closeQuietly(client);
            }
        }
    }

    private static void closeQuietly(SocketChannel client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.debug("closing a client: {}", e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(socket);
    }
}

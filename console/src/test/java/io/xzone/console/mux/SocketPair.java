package io.xzone.console.mux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** Two connected Unix sockets, as the console server and an {@code xzone console} process hold them. */
public record SocketPair(SocketChannel muxSide, SocketChannel viewerSide) {

    public static SocketPair open() {
        try {
            Path dir = Files.createTempDirectory("socket-pair");
            Path path = dir.resolve("s");
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(path));
                SocketChannel viewer = SocketChannel.open(UnixDomainSocketAddress.of(path));
                return new SocketPair(server.accept(), viewer);
            } finally {
                Files.deleteIfExists(path);
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.xzone.console.mux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A console's log file that never grows past its cap: when the next write would pass it, the file becomes
 * {@code NAME.1} (replacing the previous one) and a fresh file starts, so at most twice the cap is kept on disk.
 * A failing disk must not stop the console: write errors are logged once and logging stops.
 */
public final class CappedLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CappedLog.class);

    private final Path file;
    private final long maxBytes;
    private FileChannel out;
    private long written;

    public CappedLog(Path file, long maxBytes) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("log cap must be positive, got " + maxBytes);
        }
        this.file = file;
        this.maxBytes = maxBytes;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.written = Files.exists(file) ? Files.size(file) : 0;
        this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    public Path file() {
        return file;
    }

    /** Appends the bytes between the buffer's position and limit, leaving the buffer itself untouched. */
    void append(ByteBuffer bytes) {
        if (out == null) {
            return;
        }
        ByteBuffer rest = bytes.duplicate();
        try {
            while (rest.hasRemaining()) {
                if (written >= maxBytes) {
                    rotate();
                }
                int end = rest.limit();
                rest.limit(rest.position() + (int) Math.min(rest.remaining(), maxBytes - written));
                int n = rest.remaining();
                while (rest.hasRemaining()) {
                    out.write(rest);
                }
                written += n;
                rest.limit(end);
            }
        } catch (IOException e) {
            LOG.warn("console log {} stopped: {}", file, e.toString());
            closeQuietly();
        }
    }

    private void rotate() throws IOException {
        out.close();
        Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        written = 0;
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // already reported
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            FileChannel o = out;
            out = null;
            o.close();
        }
    }
}

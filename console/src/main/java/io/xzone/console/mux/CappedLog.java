package io.xzone.console.mux;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    private OutputStream out;
    private long written;

    public CappedLog(Path file, long maxBytes) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("log cap must be positive, got " + maxBytes);
        }
        this.file = file;
        this.maxBytes = maxBytes;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.written = Files.exists(file) ? Files.size(file) : 0;
        this.out = new FileOutputStream(file.toFile(), true);
    }

    public Path file() {
        return file;
    }

    void append(byte[] bytes, int off, int len) {
        if (out == null) {
            return;
        }
        try {
            while (len > 0) {
                if (written >= maxBytes) {
                    rotate();
                }
                int n = (int) Math.min(len, maxBytes - written);
                out.write(bytes, off, n);
                written += n;
                off += n;
                len -= n;
            }
        } catch (IOException e) {
            LOG.warn("console log {} stopped: {}", file, e.toString());
            closeQuietly();
        }
    }

    private void rotate() throws IOException {
        out.close();
        Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        out = new FileOutputStream(file.toFile(), false);
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
            OutputStream o = out;
            out = null;
            o.close();
        }
    }
}

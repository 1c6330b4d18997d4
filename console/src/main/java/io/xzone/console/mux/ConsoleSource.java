package io.xzone.console.mux;

import java.nio.ByteBuffer;

/** Where a console's bytes come from and where typed bytes go: in practice a pty (see {@link PtyConsoleSource}). */
public interface ConsoleSource extends AutoCloseable {
    /** Returned by {@link #read} when the console is gone for good. */
    int END = -1;

    /**
     * Waits up to {@code timeoutMillis}; reads into the direct buffer {@code into} between its position and limit,
     * advancing its position; returns bytes read, 0 on timeout or {@link #END}.
     */
    int read(ByteBuffer into, int timeoutMillis);

    void write(byte[] buf, int off, int len);

    /** What to call this console in messages, e.g. "/dev/pts/3". */
    String name();

    @Override
    void close();
}

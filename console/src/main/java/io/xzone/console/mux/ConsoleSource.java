package io.xzone.console.mux;

/** Where a console's bytes come from and where typed bytes go: in practice a pty (see {@link PtyConsoleSource}). */
public interface ConsoleSource extends AutoCloseable {
    /** Returned by {@link #read} when the console is gone for good. */
    int END = -1;

    /** Waits up to {@code timeoutMillis}; reads into {@code buf[off, off+len)}; returns bytes read, 0 on timeout or {@link #END}. */
    int read(byte[] buf, int off, int len, int timeoutMillis);

    void write(byte[] buf, int off, int len);

    /** What to call this console in messages, e.g. "/dev/pts/3". */
    String name();

    @Override
    void close();
}

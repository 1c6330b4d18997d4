package io.xzone.console.mux;

import io.xzone.xen.pty.PtyDevice;
import java.nio.ByteBuffer;

/** A console read from the pty xenconsoled (hvc0) or QEMU (ttyS0) publishes, opened in raw mode. */
public final class PtyConsoleSource implements ConsoleSource {
    private final PtyDevice device;

    private PtyConsoleSource(PtyDevice device) {
        this.device = device;
    }

    public static PtyConsoleSource open(String ptyPath) {
        return new PtyConsoleSource(PtyDevice.openRaw(ptyPath));
    }

    @Override
    public int read(ByteBuffer into, int timeoutMillis) {
        int n = device.read(into, timeoutMillis);
        return n == PtyDevice.END ? END : n;
    }

    @Override
    public void write(byte[] buf, int off, int len) {
        device.write(buf, off, len);
    }

    @Override
    public String name() {
        return device.name();
    }

    @Override
    public void close() {
        device.close();
    }
}

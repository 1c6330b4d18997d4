package io.xzone.console.mux;

import java.nio.ByteBuffer;

/**
 * The last {@code capacity} bytes a console printed, replayed to a viewer that attaches late. A ring buffer: appending
 * never allocates and the oldest bytes simply fall off. Not thread-safe: the multiplexer guards it.
 */
final class History {
    private final byte[] ring;
    private int start;
    private int size;

    History(int capacity) {
        this.ring = new byte[capacity];
    }

    void append(byte[] bytes, int off, int len) {
        append(ByteBuffer.wrap(bytes, off, len));
    }

    /** Appends the bytes between the buffer's position and limit, leaving the buffer itself untouched. */
    void append(ByteBuffer bytes) {
        ByteBuffer from = bytes.duplicate();
        int len = from.remaining();
        if (len >= ring.length) {
            from.position(from.limit() - ring.length).get(ring, 0, ring.length);
            start = 0;
            size = ring.length;
            return;
        }
        int end = (start + size) % ring.length;
        int first = Math.min(len, ring.length - end);
        from.get(ring, end, first);
        from.get(ring, 0, len - first);
        int overflow = size + len - ring.length;
        if (overflow > 0) {
            start = (start + overflow) % ring.length;
            size = ring.length;
        } else {
            size += len;
        }
    }

    /** A copy of the kept bytes, oldest first. */
    byte[] snapshot() {
        byte[] copy = new byte[size];
        int first = Math.min(size, ring.length - start);
        System.arraycopy(ring, start, copy, 0, first);
        System.arraycopy(ring, 0, copy, first, size - first);
        return copy;
    }

    int size() {
        return size;
    }
}

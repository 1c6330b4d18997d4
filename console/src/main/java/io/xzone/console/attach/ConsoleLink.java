package io.xzone.console.attach;

import java.io.InputStream;
import java.io.OutputStream;

/** One viewer's connection to a console: its output to read, its input to write; closing detaches the viewer. */
public interface ConsoleLink extends AutoCloseable {
    /** The console's output, history first; end of stream when the console goes away. */
    InputStream output();

    /** Keystrokes for the console. */
    OutputStream input();

    @Override
    void close();

    /** A link over two streams; {@code onClose} detaches. */
    static ConsoleLink of(InputStream output, OutputStream input, Runnable onClose) {
        return new ConsoleLink() {
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
                onClose.run();
            }
        };
    }
}

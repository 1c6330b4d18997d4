package io.xzone.console.mux;

import java.io.IOException;

/** Where one viewer's copy of the console goes: a terminal, a socket to another xzone process, a test's buffer. */
public interface ViewerSink {
    /** Delivers console bytes; may block (the viewer has its own thread). An IOException detaches the viewer. */
    void write(byte[] bytes) throws IOException;

    /** The console has gone away (guest destroyed, pty closed) or the viewer was detached: release the sink. */
    void close(String reason);
}

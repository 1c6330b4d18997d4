package io.xzone.console.server;

import io.xzone.console.ConsoleType;
import java.nio.file.Path;

/**
 * Where the server of one zone's console listens: a Unix socket named after the domain id and console type in the run
 * folder ({@link RunDirectory}). Domain ids are not reused while a domain exists, and a server ends with its domain.
 */
public record ConsoleAddress(Path runDir, int domid, ConsoleType type) {
    public Path socket() {
        return runDir.resolve(domid + "-" + type.label() + ".sock");
    }

    /** The server's own log (stderr), kept next to the socket for diagnosis. */
    public Path serverLog() {
        return runDir.resolve(domid + "-" + type.label() + ".server.log");
    }
}

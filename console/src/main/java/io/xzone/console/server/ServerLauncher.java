package io.xzone.console.server;

import java.io.IOException;
import java.nio.file.Path;

/** Starts the console server when none answers on its socket. */
public interface ServerLauncher {
    void launch(Path socket) throws IOException;
}

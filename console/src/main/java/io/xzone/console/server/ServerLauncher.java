package io.xzone.console.server;

import java.io.IOException;

/** Starts the server of one console when none answers yet. */
public interface ServerLauncher {
    /**
     * @param logFile the console's log file, or null for none
     */
    void launch(ConsoleAddress address, String ptyPath, LogSettings log) throws IOException;
}

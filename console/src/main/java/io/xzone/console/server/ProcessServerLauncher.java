package io.xzone.console.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a console server as its own process, in its own session ({@code setsid}), so it outlives the command that
 * started it and a hang-up of that command's terminal does not reach it. It runs this same JVM and class path.
 */
public final class ProcessServerLauncher implements ServerLauncher {
    private final String zoneName;

    public ProcessServerLauncher(String zoneName) {
        this.zoneName = zoneName;
    }

    @Override
    public void launch(ConsoleAddress address, String ptyPath, LogSettings log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of("setsid", java, "-cp", System.getProperty("java.class.path"),
                ConsoleServerMain.class.getName(), address.socket().toString(), ptyPath));
        if (log != null) {
            command.add(log.fileFor(zoneName, address.type()).toString());
            command.add(Long.toString(log.maxBytes()));
        }
        new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(address.serverLog().toFile()))
                .redirectErrorStream(true)
                .start();
    }
}

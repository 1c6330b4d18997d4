package io.xzone.console.server;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the console server as its own process, in its own session ({@code setsid}), so that it outlives the command
 * that started it and a hang-up of that command's terminal does not reach it. It runs this same JVM and class path;
 * its output goes to {@code server.log} next to the socket.
 */
public final class ProcessServerLauncher implements ServerLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessServerLauncher.class);

    private final LogSettings log;

    /**
     * @param log per-console log files for the server to write, or null for none
     */
    public ProcessServerLauncher(LogSettings log) {
        this.log = log;
    }

    public static Path serverLog(Path socket) {
        return socket.resolveSibling("server.log");
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Arrays.stream(path.split(File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    @Override
    public void launch(Path socket) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        if (onPath("setsid")) {
            command.add("setsid");
        } else {
            LOG.debug("no setsid on PATH: the console server stays in this session");
        }
        command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), ConsoleServerMain.class.getName(),
                socket.toString()));
        if (log != null) {
            command.add(log.dir().toString());
            command.add(Long.toString(log.maxBytes()));
        }
        new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(serverLog(socket).toFile()))
                .redirectErrorStream(true)
                .start();
    }
}

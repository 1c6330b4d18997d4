package io.xzone.console.picker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A private tmux server with one 80x24 window: start a command, send keys, read the screen. */
public final class Tmux implements AutoCloseable {
    private final String socketName;

    public Tmux(String socketName, String command) throws IOException, InterruptedException {
        this.socketName = socketName;
        run("-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24", "-s", "t", command);
    }

    public String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socketName));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    public void sendKeys(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "t"));
        args.addAll(List.of(keys));
        run(args.toArray(String[]::new));
    }

    public String screen() throws IOException, InterruptedException {
        return run("capture-pane", "-p", "-t", "t");
    }

    /** Waits until the screen satisfies the check; returns the last screen seen either way. */
    public String awaitScreen(Predicate<String> check, long millis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        String screen = screen();
        while (!check.test(screen) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            screen = screen();
        }
        return screen;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("tmux", "-L", socketName, "kill-server").start().waitFor();
    }
}

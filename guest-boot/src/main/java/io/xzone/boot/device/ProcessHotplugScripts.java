package io.xzone.boot.device;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Xen's hotplug scripts (/etc/xen/scripts/block, vif-bridge) as child processes, as libxl 4.17 does itself (it
 * has no udev rules): stdin from /dev/null, libxl's variables added to this process's environment, killed after the
 * timeout. The scripts' output goes to the log.
 */
public final class ProcessHotplugScripts implements HotplugScripts {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessHotplugScripts.class);
    private final Duration timeout;

    /** @param timeout libxl allows 40 s (LIBXL_HOTPLUG_TIMEOUT); an emulated host may need more */
    public ProcessHotplugScripts(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void run(String script, List<String> arguments, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of(script));
        command.addAll(arguments);
        String what = String.join(" ", command);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new HotplugException("cannot run " + what + ": " + e.getMessage());
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new HotplugException(what + " did not finish within " + timeout.toSeconds() + " s");
            }
            String text = output.get().strip();
            LOG.debug("{} ({}): exit {}{}", what, environment.get("XENBUS_PATH"), process.exitValue(),
                    text.isEmpty() ? "" : ", output: " + text);
            if (process.exitValue() != 0) {
                throw new HotplugException(what + " exited with status " + process.exitValue()
                        + (text.isEmpty() ? "" : ": " + lastLine(text)));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new HotplugException(what + " was interrupted");
        } catch (ExecutionException e) {
            throw new HotplugException("cannot read the output of " + what + ": " + e.getCause().getMessage());
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1].strip();
    }
}

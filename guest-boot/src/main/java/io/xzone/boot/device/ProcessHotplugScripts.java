package io.xzone.boot.device;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Xen's hotplug scripts (/etc/xen/scripts/block, vif-bridge) as child processes, as libxl 4.17 does itself (it
 * has no udev rules): stdin from /dev/null, libxl's variables added to this process's environment, killed after the
 * timeout. The scripts' output goes to the log, and its last line into a failure's message.
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
        Path output = null;
        try {
            // A file, not a pipe: a daemon a script leaves behind could hold a pipe open and hang the reader.
            output = Files.createTempFile("xzone-hotplug", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new HotplugException(what + " did not finish within " + timeout.toSeconds() + " s");
            }
            String text = Files.readString(output).strip();
            LOG.debug("{} ({}): exit {}{}", what, environment.get("XENBUS_PATH"), process.exitValue(),
                    text.isEmpty() ? "" : ", output: " + text);
            if (process.exitValue() != 0) {
                throw new HotplugException(what + " exited with status " + process.exitValue()
                        + (text.isEmpty() ? "" : ": " + lastLine(text)));
            }
        } catch (IOException e) {
            throw new HotplugException("cannot run " + what + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HotplugException(what + " was interrupted");
        } finally {
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debug("cannot remove {}: {}", file, e.getMessage());
            }
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1].strip();
    }
}

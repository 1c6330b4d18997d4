package io.xzone.it.xenstored;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Requests made as an unprivileged guest: through the ring of a domain introduced to the harness daemon, with the
 * C client src/test/c/xenstore-as-domain.c, so xenstored checks that domain's permissions (a socket client is dom0,
 * which may do anything). Introduce the domain first (any store MFN, a port above 0).
 */
public final class GuestClient {
    private final Xenstored daemon;
    private final int domid;

    /** What xenstored answered: the reply, or its error name (e.g. EACCES) when {@code ok} is false. */
    public record Reply(boolean ok, String text) {
    }

    public GuestClient(Xenstored daemon, int domid) {
        this.daemon = daemon;
        this.domid = domid;
    }

    public Reply read(String path) {
        return request("read", path);
    }

    public Reply write(String path, String value) {
        return request("write", path, value);
    }

    public Reply directory(String path) {
        return request("ls", path);
    }

    public Reply rm(String path) {
        return request("rm", path);
    }

    private Reply request(String operation, String path, String... value) {
        Path client = Gcc.build("xenstore-as-domain.c", "xenstore-as-domain", List.of(), List.of());
        List<String> command = new ArrayList<>(List.of(client.toString(), daemon.socket().getParent().toString(),
                Integer.toString(domid), operation, path));
        command.addAll(List.of(value));
        try {
            Process process = new ProcessBuilder(command).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("xenstore-as-domain " + operation + " " + path + " did not finish");
            }
            if (process.exitValue() > 1) {
                throw new AssertionError("xenstore-as-domain " + operation + " " + path + " failed: " + err);
            }
            return process.exitValue() == 0 ? new Reply(true, out) : new Reply(false, err);
        } catch (IOException e) {
            throw new HarnessFailure("xenstore-as-domain cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while asking xenstored as domain " + domid, e);
        }
    }
}

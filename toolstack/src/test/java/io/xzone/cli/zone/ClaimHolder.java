package io.xzone.cli.zone;

import java.io.IOException;
import java.nio.file.Path;

/** Another process's supervisor, for tests: claims the spec given as argument, says so, and holds it until killed. */
public final class ClaimHolder {
    private ClaimHolder() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        SupervisorClaim.claim(Path.of(args[0]));
        System.out.println("claimed");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

package io.xzone.cli.convert;

import io.xzone.convert.ConversionResult;
import java.io.PrintWriter;

/** A one-line progress bar on stderr, redrawn as each guest finishes: done/total, a bar, and the failures so far. */
final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final int total;
    private int done;
    private int failed;

    ProgressBar(PrintWriter err, int total) {
        this.err = err;
        this.total = total;
    }

    synchronized void finished(ConversionResult result) {
        done++;
        if (result.status() == ConversionResult.Status.FAILED) {
            failed++;
        }
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " guests, "
                + failed + " failed  " + result.guest() + "          ");
        if (done == total) {
            err.println();
        }
        err.flush();
    }
}

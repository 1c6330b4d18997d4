package io.xzone.it.xenstored;

/**
 * The harness could not give a test its xenstored (gcc or xenstored missing, the stub did not compile, the daemon
 * died). The message is the whole story, so no stack trace is kept: a test report shows one clear line (plus the
 * daemon's log tail when it has one).
 */
public final class HarnessFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HarnessFailure(String message) {
        super(message, null, false, false);
    }
}

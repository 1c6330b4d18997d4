package io.xzone.cli.lab;

import io.xzone.cli.ExitCode;

/**
 * Why the lab could not do what was asked, as one sentence, with the xzone exit code it maps to: {@link ExitCode#BAD_INPUT}
 * for a bad flag or a missing script, {@link ExitCode#UNSUPPORTED} for a host that lacks a package, kernel or QEMU,
 * {@link ExitCode#FAILED} for a lab that did not boot or died.
 */
public final class LabException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public LabException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public LabException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    static LabException badInput(String message) {
        return new LabException(ExitCode.BAD_INPUT, message);
    }

    static LabException hostLacks(String message) {
        return new LabException(ExitCode.UNSUPPORTED, message);
    }

    static LabException failed(String message) {
        return new LabException(ExitCode.FAILED, message);
    }

    static LabException failed(String message, Throwable cause) {
        return new LabException(ExitCode.FAILED, message, cause);
    }
}

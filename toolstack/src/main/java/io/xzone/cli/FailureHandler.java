package io.xzone.cli;

import io.xzone.boot.backend.BackendUnavailableException;
import io.xzone.xen.XenException;
import io.xzone.xen.XenUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any exception out of a subcommand into one line on stderr and an exit code. The stack trace is shown only
 * with {@code --stacktrace}: operators need the reason, developers the trace. The layers' own one-sentence exceptions
 * map to their codes here, so commands need not translate them: Xen unreachable 3, backend impossible 4, a failed
 * Xen call 1.
 */
final class FailureHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        int code;
        String message;
        if (ex instanceof CommandFailure failure) {
            code = failure.exitCode();
            message = failure.getMessage();
        } else if (ex instanceof XenUnavailableException) {
            code = ExitCode.NO_XEN;
            message = ex.getMessage();
        } else if (ex instanceof BackendUnavailableException) {
            code = ExitCode.UNSUPPORTED;
            message = ex.getMessage();
        } else if (ex instanceof XenException) {
            code = ExitCode.FAILED;
            message = ex.getMessage();
        } else {
            code = ExitCode.FAILED;
            message = "internal error: " + ex + " (run with --stacktrace for details)";
        }
        cmd.getErr().println("xzone: " + message);
        if (stacktraceRequested(parseResult)) {
            ex.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return code;
    }

    private static boolean stacktraceRequested(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--stacktrace")) {
                return true;
            }
        }
        return false;
    }
}

package io.xzone.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any exception out of a subcommand into one line on stderr and an exit code. The stack trace is shown only
 * with {@code --stacktrace}: operators need the reason, developers the trace.
 */
final class FailureHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        int code;
        String message;
        if (ex instanceof CommandFailure failure) {
            code = failure.exitCode();
            message = failure.getMessage();
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

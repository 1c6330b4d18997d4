package io.xzone.cli.convert;

import io.xzone.cli.CommandFailure;
import io.xzone.cli.ExitCode;
import io.xzone.convert.ConversionException;
import io.xzone.convert.ConversionResult;
import java.io.PrintWriter;
import java.nio.file.Path;

/** How one guest's result reads on the terminal, and the exit code a failure maps to. */
final class ResultPrinter {
    private ResultPrinter() {
    }

    static void print(ConversionResult result, PrintWriter out) {
        if (result.status() == ConversionResult.Status.FAILED) {
            throw failure(result);
        }
        if (result.status() == ConversionResult.Status.PLANNED) {
            result.diffs().forEach(out::print);
            out.println(result.guest() + ": would change " + result.changes().size() + " files ("
                    + result.distribution().description() + ", " + result.bootloader() + " CD) and write "
                    + String.join(", ", result.outputs().stream().map(Path::toString).toList()));
            return;
        }
        out.println(result.guest() + ": " + result.status().name().toLowerCase().replace('_', ' ')
                + (result.distribution().id().equals("unknown") ? "" : " (" + result.distribution().description() + ", "
                + result.bootloader() + " CD)"));
        result.changes().forEach(change -> out.println("  " + change));
        result.outputs().forEach(output -> out.println("  " + (result.status() == ConversionResult.Status.ROLLED_BACK
                ? "removed " : "wrote ") + output));
    }

    static CommandFailure failure(ConversionResult result) {
        int code = result.failure() == ConversionException.Kind.BAD_INPUT ? ExitCode.BAD_INPUT
                : result.failure() == ConversionException.Kind.NOT_FOUND ? ExitCode.NOT_FOUND : ExitCode.FAILED;
        return new CommandFailure(code, result.guest() + ": " + result.reason());
    }
}

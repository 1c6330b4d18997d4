package io.xzone.cli.convert;

import io.xzone.cli.CommandFailure;
import io.xzone.cli.ExitCode;
import io.xzone.convert.ConversionResult;
import io.xzone.convert.bulk.BulkConverter;
import io.xzone.convert.bulk.BulkReport;
import io.xzone.convert.bulk.Inventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xzone convert bulk INVENTORY}: converts many guests, N at a time. */
@Command(name = "bulk",
        description = "Converts every guest of INVENTORY (a folder of xl.cfg files, or a file listing one xl.cfg path "
                + "a line) with N workers. One bad guest never stops the others; the report names each failure and "
                + "its reason. Interrupted? Run the same command again: converted guests are left as they are, "
                + "half-done ones finish.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  xzone convert bulk /etc/xen/guests/",
            "  xzone convert bulk -j 8 --report /root/convert.json guests.list",
            "  xzone convert bulk --dry-run /etc/xen/guests/",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Every guest converted or already converted.", "2:The inventory cannot be read.",
            "6:Some guests failed (see the report); the others were converted."})
public final class BulkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConvertPaths paths;

    @Parameters(paramLabel = "INVENTORY", description = "A folder of xl.cfg files or a list file.")
    Path inventory;

    @Option(names = {"-j", "--workers"}, paramLabel = "N", description = "Guests converted at once. Default: one per CPU.")
    int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--dry-run", description = "Print every guest's edits as unified diffs; change nothing.")
    boolean dryRun;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Where the JSON report goes. Default: bulk-report.json in the --state folder.")
    Path report;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (workers < 1) {
            throw CommandFailure.badInput("--workers must be at least 1, not " + workers);
        }
        List<Path> configs;
        try {
            configs = Inventory.read(inventory);
        } catch (NoSuchFileException e) {
            throw CommandFailure.badInput("inventory " + inventory + " does not exist");
        } catch (IOException e) {
            throw CommandFailure.badInput("cannot read inventory " + inventory + ": " + e.getMessage());
        }
        if (configs.isEmpty()) {
            throw CommandFailure.badInput("inventory " + inventory + " lists no xl.cfg files");
        }
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), configs.size());
        List<ConversionResult> results = new BulkConverter(paths.converter(), workers).run(configs, dryRun, bar::finished);
        BulkReport bulkReport = new BulkReport(results);
        if (dryRun) {
            results.forEach(r -> r.diffs().forEach(spec.commandLine().getOut()::print));
        }
        spec.commandLine().getOut().print(bulkReport.text());
        Path json = report != null ? report : paths.state.resolve("bulk-report.json");
        if (!dryRun || report != null) {
            Files.createDirectories(json.toAbsolutePath().getParent());
            Files.writeString(json, bulkReport.json());
            spec.commandLine().getOut().println("report: " + json);
        }
        return bulkReport.anyFailed() ? ExitCode.PARTIAL : ExitCode.OK;
    }
}

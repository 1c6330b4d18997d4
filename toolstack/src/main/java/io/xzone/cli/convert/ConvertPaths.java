package io.xzone.cli.convert;

import io.xzone.convert.PvToHvmConverter;
import io.xzone.convert.iso.GrubIsoBuilder;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where conversion keeps its journals and its GRUB CDs (shared by the convert subcommands). */
final class ConvertPaths {
    @Option(names = "--state", paramLabel = "DIR", defaultValue = "/var/lib/xzone/convert",
            description = "Journals (originals of every edited file) and bulk reports. Default: ${DEFAULT-VALUE}.")
    Path state;

    @Option(names = "--iso-cache", paramLabel = "DIR", defaultValue = "/var/cache/xzone/grub",
            description = "Where the GRUB CDs are built once and shared by all guests. Default: ${DEFAULT-VALUE}.")
    Path isoCache;

    PvToHvmConverter converter() {
        return new PvToHvmConverter(state.toAbsolutePath(), new GrubIsoBuilder(isoCache.toAbsolutePath()));
    }
}

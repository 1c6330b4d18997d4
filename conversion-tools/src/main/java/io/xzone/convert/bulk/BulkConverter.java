package io.xzone.convert.bulk;

import io.xzone.convert.ConversionException;
import io.xzone.convert.ConversionResult;
import io.xzone.convert.PvToHvmConverter;
import io.xzone.convert.edit.Distribution;
import io.xzone.convert.xl.DiskSpec;
import io.xzone.convert.xl.XlConfig;
import io.xzone.convert.xl.XlConfigException;
import io.xzone.convert.xl.XlConfigReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Converts many guests with N workers. One guest's failure is its own result and never stops the others; guests that
 * name the same guest name or the same disk image are failed up front, since converting one would change the other.
 * Resuming is rerunning: each guest's journal makes a finished one a no-op and a half-done one finish.
 */
public final class BulkConverter {
    private final PvToHvmConverter converter;
    private final int workers;

    public BulkConverter(PvToHvmConverter converter, int workers) {
        this.converter = converter;
        this.workers = Math.max(1, workers);
    }

    /** Converts every config, calling {@code progress} (from worker threads) as each guest finishes. */
    public List<ConversionResult> run(List<Path> configs, boolean dryRun, Consumer<ConversionResult> progress)
            throws InterruptedException {
        Map<Path, ConversionResult> conflicts = conflicts(configs);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<ConversionResult>> futures = new ArrayList<>();
            for (Path config : configs) {
                futures.add(pool.submit(() -> {
                    ConversionResult result = conflicts.containsKey(config) ? conflicts.get(config)
                            : converter.convert(config, null, dryRun);
                    progress.accept(result);
                    return result;
                }));
            }
            List<ConversionResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    // A bug in one guest's conversion is still only that guest's failure.
                    results.add(ConversionResult.failed(configs.get(i).getFileName().toString(), configs.get(i),
                            ConversionException.failed("internal error: " + e.getCause())));
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Configs that share a guest name or a disk image with an earlier one in the list. */
    private static Map<Path, ConversionResult> conflicts(List<Path> configs) {
        Map<String, Path> names = new HashMap<>();
        Map<Path, Path> images = new HashMap<>();
        Map<Path, ConversionResult> conflicts = new HashMap<>();
        XlConfigReader reader = new XlConfigReader();
        for (Path config : configs) {
            XlConfig pv;
            try {
                pv = reader.read(config);
            } catch (XlConfigException e) {
                continue; // the conversion itself reports it, with file and line
            }
            Path earlier = names.putIfAbsent(pv.name(), config);
            String reason = null;
            if (earlier != null) {
                reason = config + ": guest name '" + pv.name() + "' is also used by " + earlier;
            } else {
                for (DiskSpec disk : pv.disks()) {
                    Path image = disk.targetPath(config.toAbsolutePath().getParent()).toAbsolutePath().normalize();
                    Path user = disk.cdrom() ? null : images.putIfAbsent(image, config);
                    if (user != null) {
                        reason = config + ": disk image " + image + " is also used by " + user;
                    }
                }
            }
            if (reason != null) {
                conflicts.put(config, new ConversionResult(pv.name(), config, ConversionResult.Status.FAILED, reason,
                        ConversionException.Kind.BAD_INPUT, Distribution.unknown(), "", List.of(), List.of(), List.of()));
            }
        }
        return conflicts;
    }
}

package io.xzone.convert.bulk;

import io.xzone.convert.ConversionResult;
import io.xzone.text.Quoting;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The report of a bulk run, as JSON (for scripts) and as text (for people): every guest, its status and reason. */
public final class BulkReport {
    private final List<ConversionResult> results;

    public BulkReport(List<ConversionResult> results) {
        this.results = List.copyOf(results);
    }

    public long count(ConversionResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    public boolean anyFailed() {
        return count(ConversionResult.Status.FAILED) > 0;
    }

    public String summary() {
        Map<String, Long> counts = new TreeMap<>();
        for (ConversionResult.Status status : ConversionResult.Status.values()) {
            long n = count(status);
            if (n > 0) {
                counts.put(status.name().toLowerCase().replace('_', ' '), n);
            }
        }
        StringBuilder out = new StringBuilder(results.size() + " guests:");
        counts.forEach((status, n) -> out.append(' ').append(n).append(' ').append(status).append(','));
        out.setLength(out.length() - 1);
        return out.toString();
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        for (ConversionResult r : results) {
            out.append(String.format("%-24s %-10s", r.guest(), r.status().name().toLowerCase().replace('_', ' ')));
            if (r.status() == ConversionResult.Status.FAILED) {
                out.append(' ').append(r.reason());
            } else {
                out.append(' ').append(r.distribution().description()).append(", ").append(r.bootloader())
                        .append(" CD, ").append(r.changes().size()).append(" files changed");
            }
            out.append('\n');
        }
        return out.append(summary()).append('\n').toString();
    }

    public String json() {
        StringBuilder out = new StringBuilder("{\n  \"summary\": {");
        boolean first = true;
        for (ConversionResult.Status status : ConversionResult.Status.values()) {
            out.append(first ? "" : ", ").append(quote(status.name().toLowerCase())).append(": ").append(count(status));
            first = false;
        }
        out.append("},\n  \"guests\": [");
        for (int i = 0; i < results.size(); i++) {
            ConversionResult r = results.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    {\"guest\": ").append(quote(r.guest()))
                    .append(", \"config\": ").append(quote(String.valueOf(r.config())))
                    .append(", \"status\": ").append(quote(r.status().name().toLowerCase()))
                    .append(", \"reason\": ").append(quote(r.reason()))
                    .append(", \"distribution\": ").append(quote(r.distribution().description()))
                    .append(", \"bootloader\": ").append(quote(r.bootloader()))
                    .append(", \"changes\": ").append(array(r.changes()))
                    .append(", \"outputs\": ").append(array(r.outputs().stream().map(Path::toString).toList()))
                    .append('}');
        }
        return out.append("\n  ]\n}\n").toString();
    }

    private static String array(List<String> items) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(quote(items.get(i)));
        }
        return out.append(']').toString();
    }

    private static String quote(String value) {
        return Quoting.basicString(value);
    }
}

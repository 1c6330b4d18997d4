package io.xzone.boot.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/** Physical CPUs a zone's vCPUs may run on (xl's {@code cpus = "1"} / {@code "0-3,6"}); empty means any. */
public record CpuSet(List<Integer> cpus) {
    public static final CpuSet ANY = new CpuSet(List.of());

    public CpuSet {
        cpus = List.copyOf(cpus);
    }

    /** Parses "1", "0-3,6"; throws IllegalArgumentException with the reason. */
    public static CpuSet parse(String text) {
        if (text.isBlank() || text.strip().equals("all")) {
            return ANY;
        }
        TreeSet<Integer> cpus = new TreeSet<>();
        for (String part : text.split(",")) {
            String range = part.strip();
            if (!range.matches("\\d{1,4}(-\\d{1,4})?")) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not a CPU number or range like 0-3");
            }
            String[] ends = range.split("-");
            int first = Integer.parseInt(ends[0]);
            int last = ends.length == 2 ? Integer.parseInt(ends[1]) : first;
            if (last < first) {
                throw new IllegalArgumentException("range '" + range + "' runs backwards");
            }
            for (int cpu = first; cpu <= last; cpu++) {
                cpus.add(cpu);
            }
        }
        return new CpuSet(new ArrayList<>(cpus));
    }

    public boolean isAny() {
        return cpus.isEmpty();
    }

    @Override
    public String toString() {
        return isAny() ? "all" : String.join(",", Collections.unmodifiableList(cpus).stream().map(String::valueOf).toList());
    }
}

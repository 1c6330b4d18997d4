package io.xzone.boot.launch;

import io.xzone.xen.E820Entry;
import java.util.List;

/** An e820 map in one line for the plan: [0-7fffffff ram, feff8000-fefffffff reserved]. */
final class E820Text {
    private static final String[] TYPES = {"?", "ram", "reserved", "acpi", "nvs", "unusable"};

    private E820Text() {
    }

    static String of(List<E820Entry> map) {
        return "[" + String.join(", ", map.stream().map(e -> Long.toHexString(e.address()) + "-"
                + Long.toHexString(e.end() - 1) + " " + (e.type() < TYPES.length ? TYPES[e.type()] : "type " + e.type()))
                .toList()) + "]";
    }
}

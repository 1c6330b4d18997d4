package io.xzone.cli.daemon;

import java.util.List;
import java.util.Set;

/**
 * Which commands the resident daemon runs: those that need neither the caller's terminal nor its environment, the
 * {@code zone} commands (but the hidden {@code zone supervise}, a long-lived process of its own) and {@code host info}.
 * bin/xzone applies the same rule before it sends a request; the daemon checks again.
 */
final class Routing {
    private static final Set<String> GLOBAL_OPTIONS = Set.of("--verbose", "--stacktrace");

    private Routing() {
    }

    static boolean served(List<String> args) {
        int i = 0;
        while (i < args.size() && GLOBAL_OPTIONS.contains(args.get(i))) {
            i++;
        }
        String command = i < args.size() ? args.get(i) : "";
        String sub = i + 1 < args.size() ? args.get(i + 1) : "";
        return (command.equals("zone") && !sub.equals("supervise")) || (command.equals("host") && sub.equals("info"));
    }
}

package io.xzone.cli.lab;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognizes the known TCG flake in the serial log: a dom0 process dies of a bad memory access while a guest boots
 * (the kernel logs "prog[pid]: segfault at ..." or a general protection trap). Any other failure is a real failure.
 */
final class FlakeDetector {
    private static final Pattern CRASH = Pattern.compile(
            "\\S+\\[\\d+\\]: segfault at |traps: \\S+\\[\\d+\\] general protection");

    private FlakeDetector() {
    }

    /** The first line that shows the flake, if any. */
    static Optional<String> find(List<String> serialLines) {
        return serialLines.stream().filter(line -> CRASH.matcher(line).find()).map(String::strip).findFirst();
    }
}

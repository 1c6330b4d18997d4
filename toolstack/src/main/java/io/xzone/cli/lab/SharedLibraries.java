package io.xzone.cli.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shared libraries programs need, as {@code ldd} lists them, so that dom0 can run the host's binaries. */
final class SharedLibraries {
    private static final Pattern LIBRARY = Pattern.compile("(?:=>\\s+|^\\s*)(/\\S+)\\s+\\(0x", Pattern.MULTILINE);
    private static final int BATCH = 100;

    private SharedLibraries() {
    }

    /** Every library the given programs and libraries load; ones ldd cannot find (e.g. X11 for AWT) are left out. */
    static Set<Path> of(List<Path> binaries) throws IOException {
        Set<Path> libraries = new TreeSet<>();
        for (int i = 0; i < binaries.size(); i += BATCH) {
            List<String> argv = new ArrayList<>(List.of("ldd"));
            binaries.subList(i, Math.min(binaries.size(), i + BATCH)).forEach(p -> argv.add(p.toString()));
            // ldd exits non-zero when one of the files is a script; the others are still listed.
            libraries.addAll(parse(HostCommand.run(argv, null).stdout()));
        }
        return libraries;
    }

    static Set<Path> parse(String lddOutput) {
        Set<Path> libraries = new TreeSet<>();
        Matcher m = LIBRARY.matcher(lddOutput);
        while (m.find()) {
            libraries.add(Path.of(m.group(1)));
        }
        return libraries;
    }
}

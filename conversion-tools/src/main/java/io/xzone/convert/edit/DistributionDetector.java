package io.xzone.convert.edit;

import io.xzone.convert.guestfs.FileState;
import io.xzone.convert.guestfs.GuestFsException;
import io.xzone.convert.guestfs.GuestTree;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells the distribution from /etc/os-release, /etc/lsb-release, /etc/redhat-release and /etc/debian_version, in that
 * order (Ubuntu also ships a debian_version naming Debian's testing release, so it must come last).
 */
public final class DistributionDetector {
    /** The files whose presence marks a filesystem as a guest's root. */
    public static final List<String> RELEASE_FILES = List.of("/etc/os-release", "/etc/lsb-release",
            "/etc/redhat-release", "/etc/debian_version");
    private static final Pattern REDHAT = Pattern.compile("^(.*?) (?:Linux )?release ([0-9.]+)");

    public Optional<Distribution> detect(GuestTree root) throws GuestFsException {
        Optional<FileState.Regular> osRelease = root.regularFile("/etc/os-release");
        if (osRelease.isPresent()) {
            Map<String, String> values = keyValues(osRelease.get());
            return Optional.of(new Distribution(values.getOrDefault("ID", "linux"), values.getOrDefault("VERSION_ID", ""),
                    values.getOrDefault("PRETTY_NAME", values.getOrDefault("NAME", "Linux"))));
        }
        Optional<FileState.Regular> lsb = root.regularFile("/etc/lsb-release");
        if (lsb.isPresent()) {
            Map<String, String> values = keyValues(lsb.get());
            return Optional.of(new Distribution(values.getOrDefault("DISTRIB_ID", "linux").toLowerCase(Locale.ROOT),
                    values.getOrDefault("DISTRIB_RELEASE", ""), values.getOrDefault("DISTRIB_DESCRIPTION", "Linux")));
        }
        Optional<FileState.Regular> redhat = root.regularFile("/etc/redhat-release");
        if (redhat.isPresent()) {
            String line = text(redhat.get()).lines().findFirst().orElse("").trim();
            Matcher m = REDHAT.matcher(line);
            if (m.find()) {
                return Optional.of(new Distribution(m.group(1).split(" ")[0].toLowerCase(Locale.ROOT), m.group(2), line));
            }
            return Optional.of(new Distribution("rhel", "", line));
        }
        Optional<FileState.Regular> debian = root.regularFile("/etc/debian_version");
        if (debian.isPresent()) {
            String version = text(debian.get()).trim();
            return Optional.of(new Distribution("debian", version, "Debian " + version));
        }
        return Optional.empty();
    }

    private static Map<String, String> keyValues(FileState.Regular file) {
        Map<String, String> values = new HashMap<>();
        for (String line : text(file).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replaceAll("^[\"']|[\"']$", ""));
            }
        }
        return values;
    }

    private static String text(FileState.Regular file) {
        return new String(file.content(), StandardCharsets.ISO_8859_1);
    }
}

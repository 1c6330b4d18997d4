package io.xzone.cli.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Checks that the host has the Debian packages the lab is built from and reports their versions (they are part of the
 * image cache's fingerprint). A missing package is one line naming it; {@code bin/setup-host} installs them all.
 */
public final class HostPrerequisites {
    /** The packages the lab's images come from (a subset of bin/host-packages). */
    static final List<String> PACKAGES = List.of(
            "xen-hypervisor-4.17-amd64", "xen-utils-4.17", "xenstore-utils", "qemu-system-x86", "qemu-system-xen",
            "linux-image-amd64", "busybox-static", "kmod", "xz-utils", "tmux");
    static final Path XEN_IMAGE = Path.of("/boot/xen-4.17-amd64.gz");

    /** Installed version of each package, by package name; a package not installed is absent. */
    interface PackageDatabase {
        Map<String, String> installedVersions(List<String> packages) throws IOException;
    }

    private final PackageDatabase database;

    HostPrerequisites(PackageDatabase database) {
        this.database = database;
    }

    /** Asks dpkg on this host. */
    public static HostPrerequisites ofThisHost() {
        return new HostPrerequisites(HostPrerequisites::askDpkg);
    }

    /**
     * The installed version of every package the lab needs.
     *
     * @throws LabException (exit 4) naming every missing package
     */
    public Map<String, String> check() {
        Map<String, String> versions;
        try {
            versions = new TreeMap<>(database.installedVersions(PACKAGES));
        } catch (IOException e) {
            throw LabException.hostLacks("cannot ask dpkg which packages are installed (" + e.getMessage()
                    + "): the lab needs a Debian 12 host");
        }
        List<String> missing = new ArrayList<>(PACKAGES);
        missing.removeAll(versions.keySet());
        if (!missing.isEmpty()) {
            throw LabException.hostLacks("the lab needs Debian package" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (bin/setup-host installs them)");
        }
        if (!Files.isRegularFile(XEN_IMAGE)) {
            throw LabException.hostLacks(XEN_IMAGE + " is missing (reinstall xen-hypervisor-4.17-amd64)");
        }
        return versions;
    }

    /** qemu-system-x86_64 on PATH. */
    public static Path qemu() {
        return qemu(HostCommand::onPath);
    }

    static Path qemu(Function<String, Optional<Path>> onPath) {
        return onPath.apply("qemu-system-x86_64").orElseThrow(() -> LabException.hostLacks(
                "qemu-system-x86_64 not found on PATH (package qemu-system-x86; bin/setup-host installs it)"));
    }

    private static Map<String, String> askDpkg(List<String> packages) throws IOException {
        List<String> argv = new ArrayList<>(List.of("dpkg-query", "-W", "-f=${Package} ${db:Status-Abbrev} ${Version}\\n"));
        argv.addAll(packages);
        // dpkg-query exits 1 when a package is unknown but still lists the others: read stdout either way.
        return parseDpkgQuery(HostCommand.run(argv, null).stdout());
    }

    /** Parses {@code dpkg-query -W -f='${Package} ${db:Status-Abbrev} ${Version}\n'}: only "ii" packages count. */
    static Map<String, String> parseDpkgQuery(String output) {
        Map<String, String> versions = new TreeMap<>();
        for (String line : output.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 3 && fields[1].equals("ii")) {
                versions.put(fields[0], fields[2]);
            }
        }
        return versions;
    }
}

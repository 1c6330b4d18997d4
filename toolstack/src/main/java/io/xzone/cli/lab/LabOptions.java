package io.xzone.cli.lab;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the lab finds the project it shares with dom0, keeps its images and logs, and reports progress.
 *
 * @param projectRoot the xzone checkout; shared read-only as /xzone (dom0 runs /xzone/toolstack/target/xzone.jar)
 * @param cache the image cache
 * @param runs the folder for each boot's serial log and exchange share ({@code target/lab} of the project)
 * @param listener phases and script output
 * @param bootTimeout how long dom0 may take to become ready
 */
public record LabOptions(Path projectRoot, LabCache cache, Path runs, LabListener listener, Duration bootTimeout) {
    /** Slow enough for a loaded 2-core host (dom0 ready in ~12 s idle, ~30 s loaded). */
    public static final Duration BOOT_TIMEOUT = Duration.ofMinutes(5);
    /** The system property that names the project root (Maven's surefire sets it for the tests). */
    public static final String ROOT_PROPERTY = "xzone.project.root";

    /** The defaults for a project: cache from {@link LabCache#forProject}, runs under target/lab. */
    public static LabOptions forProject(Path projectRoot, LabListener listener) {
        return new LabOptions(projectRoot, LabCache.forProject(projectRoot), projectRoot.resolve("target/lab"), listener,
                BOOT_TIMEOUT);
    }

    /**
     * The project root: the {@value #ROOT_PROPERTY} property, else the folder above the one this code was loaded from
     * (toolstack/target/xzone.jar or toolstack/target/classes) that holds the parent pom.
     */
    public static Path findProjectRoot() {
        String property = System.getProperty(ROOT_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        try {
            Path here = Path.of(LabOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = here; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("toolstack"))) {
                    return p;
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall through to the clear message below
        }
        throw LabException.badInput("cannot tell where the xzone project is; run from a checkout or set -D" + ROOT_PROPERTY);
    }
}

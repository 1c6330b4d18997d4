package io.xzone.it.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/xzone's start-up cache, run for real: the class data archive is built (now, or in the background after the
 * first command), then used (classes come from the "shared objects file"), rebuilt for a changed jar, and a cache that
 * cannot be written changes nothing but the speed.
 */
class LauncherCacheTest {
    private static final Path ROOT = Path.of(System.getProperty("xzone.project.root", ".."));
    private static final String SHARED_PICOCLI = "picocli.CommandLine source: shared objects file";

    @TempDir
    Path temp;

    /** The exit code and the merged stdout+stderr of one launcher run. */
    record Result(int exitCode, String output) {
    }

    @Test
    void buildsTheArchiveThenStartsFromItAndRebuildsItForAChangedJar() throws Exception {
        Path jar = Files.copy(ROOT.resolve("toolstack/target/xzone.jar"), temp.resolve("xzone.jar"));
        Path cache = temp.resolve("cache");

        Result first = launcher(jar, cache, Map.of("XZONE_CDS", "now"), "--version");
        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().startsWith("xzone "), first.output());
        Path folder = onlyFolder(cache);
        assertTrue(Files.isRegularFile(folder.resolve("xzone.jsa")), "no archive; build.log:\n" + buildLog(folder));
        assertTrue(Files.isRegularFile(folder.resolve(System.mapLibraryName("jnidispatch"))));

        Result shared = launcher(jar, cache, Map.of("XZONE_JAVA_OPTS", "-Xshare:on -Xlog:class+load"), "--version");
        assertEquals(0, shared.exitCode(), shared.output());
        assertTrue(shared.output().contains(SHARED_PICOCLI), shared.output());

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        Result rebuilt = launcher(jar, cache, Map.of("XZONE_CDS", "now", "XZONE_JAVA_OPTS", "-Xshare:on -Xlog:class+load"),
                "--version");
        assertEquals(0, rebuilt.exitCode(), rebuilt.output());
        assertTrue(rebuilt.output().contains(SHARED_PICOCLI), rebuilt.output());
        Path newFolder = onlyFolder(cache);
        assertFalse(newFolder.equals(folder), "the changed jar kept the old archive");
    }

    @Test
    void withoutAnArchiveTheCommandRunsAtOnceAndTheArchiveFollowsInTheBackground() throws Exception {
        Path jar = ROOT.resolve("toolstack/target/xzone.jar");
        Path cache = temp.resolve("cache");

        Result first = launcher(jar, cache, Map.of(), "--version");
        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.output().startsWith("xzone "), first.output());

        Path folder = onlyFolder(cache);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        // The builder holds its lock (the folder "building") until it is done, archive or not.
        while (Files.exists(folder.resolve("building")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertTrue(Files.isRegularFile(folder.resolve("xzone.jsa")), "no archive; build.log:\n" + buildLog(folder));
        Result shared = launcher(jar, cache, Map.of("XZONE_JAVA_OPTS", "-Xshare:on -Xlog:class+load"), "--version");
        assertTrue(shared.output().contains(SHARED_PICOCLI), shared.output());
    }

    @Test
    void aCacheThatCannotBeWrittenOnlyCostsSpeed() throws Exception {
        Path jar = ROOT.resolve("toolstack/target/xzone.jar");
        Path notAFolder = Files.writeString(temp.resolve("file"), "x");

        Result result = launcher(jar, notAFolder.resolve("cache"), Map.of(), "--version");

        assertEquals(0, result.exitCode(), result.output());
        assertEquals(1, result.output().lines().count(), result.output());
        assertTrue(result.output().startsWith("xzone "), result.output());
    }

    @Test
    void offNeitherUsesNorBuildsAnArchive() throws Exception {
        Path cache = temp.resolve("cache");

        Result result = launcher(ROOT.resolve("toolstack/target/xzone.jar"), cache, Map.of("XZONE_CDS", "off"), "--version");

        assertEquals(0, result.exitCode(), result.output());
        assertFalse(Files.exists(cache));
    }

    private static Result launcher(Path jar, Path cache, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(ROOT.resolve("bin/xzone").toString()), Stream.of(args)).toList())
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of("XZONE_JAR", jar.toString(), "XZONE_CACHE", cache.toString(),
                "JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        builder.environment().remove("XZONE_JAVA_OPTS");
        builder.environment().remove("XZONE_CDS");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the launcher did not return");
        return new Result(process.exitValue(), output);
    }

    private static Path onlyFolder(Path cache) throws IOException {
        try (Stream<Path> folders = Files.list(cache)) {
            List<Path> all = folders.filter(Files::isDirectory).toList();
            assertEquals(1, all.size(), "cache folders: " + all);
            return all.get(0);
        }
    }

    private static String buildLog(Path folder) throws IOException {
        Path log = folder.resolve("build.log");
        return Files.exists(log) ? Files.readString(log) : "(none)";
    }
}

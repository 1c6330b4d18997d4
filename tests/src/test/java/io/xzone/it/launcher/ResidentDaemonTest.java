package io.xzone.it.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The resident daemon run for real on this host (no Xen here: the commands stop where they need it, exit 3): the
 * daemon JVM from the built jar with a private --dir, and bin/xzone as its client (XZONE_DAEMON_DIR), under the
 * system's sh and under busybox sh (the lab's dom0 shell) when there is one.
 */
class ResidentDaemonTest {
    private static final Path ROOT = Path.of(System.getProperty("xzone.project.root", ".."));
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** Clients at once: more than the 16 slots a daemon starts with. */
    private static final int CONCURRENT = 24;

    @TempDir
    Path temp;
    private Path dir;
    private Process daemon;

    /** The exit code, stdout and stderr of one client run. */
    record Result(int exitCode, String out, String err) {
    }

    static List<String> shells() {
        List<String> shells = new ArrayList<>(List.of("sh"));
        if (Stream.of("/usr/bin/busybox", "/bin/busybox").anyMatch(p -> Files.isExecutable(Path.of(p)))) {
            shells.add("busybox sh");
        }
        return shells;
    }

    @BeforeEach
    void startDaemon() throws Exception {
        dir = temp.resolve("state");
        daemon = startDaemon(dir);
        awaitReady(dir);
    }

    @AfterEach
    void stopDaemon() throws Exception {
        daemon.destroy();
        daemon.waitFor(30, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @MethodSource("shells")
    void theDaemonGivesTheSameOutputsAndExitCodesAsAJvmOfItsOwn(String shell) throws Exception {
        for (String[] command : List.of(new String[] {"zone", "launch", "--help"}, new String[] {"zone", "launch", "--bogus"},
                new String[] {"zone", "list"}, new String[] {"host", "info"}, new String[] {"zone", "destroy", "nosuch"})) {
            Result resident = client(shell, temp, Map.of("XZONE_DAEMON", "on"), command);
            Result own = client(shell, temp, Map.of("XZONE_DAEMON", "off"), command);
            assertEquals(own, resident, String.join(" ", command));
        }
        Result bad = client(shell, temp, Map.of("XZONE_DAEMON", "on"), "zone", "launch", "--bogus");
        assertEquals(new Result(2, "", "xzone: Unknown option: '--bogus' (see 'xzone zone launch --help')\n"), bad);
        Result noXen = client(shell, temp, Map.of("XZONE_DAEMON", "on"), "zone", "list");
        assertEquals(3, noXen.exitCode());
        assertTrue(noXen.err().startsWith("xzone: Xen is not reachable"), noXen.err());
        assertTrue(client(shell, temp, Map.of("XZONE_DAEMON", "on"), "zone", "--help").out().startsWith("Usage: xzone zone"));
        assertTrue(daemonLog().contains("xzone zone launch --bogus -> exit 2"), daemonLog());
    }

    @ParameterizedTest
    @MethodSource("shells")
    void relativePathsAreTheClientsAndArgumentsArriveByteForByte(String shell) throws Exception {
        Path work = Files.createDirectories(temp.resolve("work dir"));
        Files.writeString(work.resolve("web.toml"), "name = \"web\"\nfrom_the_client = 1\n");
        // Where the daemon runs (its working folder is temp): a spec of the same name that must not be read.
        Files.writeString(temp.resolve("web.toml"), "from_the_daemon = 1\n");

        Result result = client(shell, work, Map.of("XZONE_DAEMON", "on"), "zone", "launch", "web.toml");

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().startsWith("xzone: " + work.toRealPath().resolve("web.toml") + ":2: from_the_client: unknown key"),
                result.err());
        Result odd = client(shell, work, Map.of("XZONE_DAEMON", "on"), "zone", "launch", "--name", "a b\n*c", "--bogus=x y");
        assertEquals("xzone: Unknown option: '--bogus=x y' (see 'xzone zone launch --help')\n", odd.err());
    }

    /** More clients at once than the daemon has slots at its start: the later ones wait for the slots it adds. */
    @Test
    void concurrentClientsEachGetTheirOwnAnswer() throws Exception {
        List<CompletableFuture<Result>> results = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT);
        for (int i = 0; i < CONCURRENT; i++) {
            String flag = "--bogus" + i;
            results.add(CompletableFuture.supplyAsync(() -> client("sh", temp, Map.of("XZONE_DAEMON", "on"), "zone", "launch", flag), clients));
        }
        clients.shutdown();
        for (int i = 0; i < CONCURRENT; i++) {
            assertEquals(new Result(2, "", "xzone: Unknown option: '--bogus" + i + "' (see 'xzone zone launch --help')\n"),
                    results.get(i).get(2, TimeUnit.MINUTES));
        }
    }

    @ParameterizedTest
    @MethodSource("shells")
    void aClientWhoseDaemonDiesSaysSoAndExits1(String shell) throws Exception {
        long pid = daemon.pid();
        // Stopped, the daemon takes the request but never answers; then it dies.
        signal("STOP", pid);
        CompletableFuture<Result> waiting = CompletableFuture.supplyAsync(() -> client(shell, temp, Map.of("XZONE_DAEMON", "on"), "zone", "list"));
        Thread.sleep(2000);
        assertFalse(waiting.isDone(), "the client did not wait for the stopped daemon: " + (waiting.isDone() ? waiting.get() : ""));
        signal("KILL", pid);

        Result result = waiting.get(30, TimeUnit.SECONDS);

        assertEquals(new Result(1, "", "xzone: the xzone daemon (pid " + pid + ") stopped during the command\n"), result);
    }

    @ParameterizedTest
    @MethodSource("shells")
    void ctrlCOnTheClientCleansUpAndTheDaemonCarriesOn(String shell) throws Exception {
        signal("STOP", daemon.pid());
        List<String> command = new ArrayList<>(List.of(shell.split(" ")));
        command.addAll(List.of(ROOT.resolve("bin/xzone").toAbsolutePath().toString(), "zone", "list"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of("XZONE_DAEMON_DIR", dir.toString(), "XZONE_DAEMON", "on"));
        Process client = builder.start();
        Thread.sleep(2000);
        signal("INT", client.pid());
        assertTrue(client.waitFor(30, TimeUnit.SECONDS), "the client did not stop on SIGINT");
        assertEquals(130, client.exitValue());
        assertEquals(1, claims().size(), "the slot stays the abandoned request's until it has run");
        signal("CONT", daemon.pid());

        // The abandoned request ran, its output dropped, its slot freed; the next one is answered.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!claims().isEmpty()) {
            assertTrue(Instant.now().isBefore(deadline), "the abandoned request's slot was not freed: " + claims());
            Thread.sleep(100);
        }
        assertTrue(daemonLog().contains("xzone zone list -> exit 3"), daemonLog());
        assertEquals(new Result(2, "", "xzone: Unknown option: '--bogus' (see 'xzone zone launch --help')\n"),
                client(shell, temp, Map.of("XZONE_DAEMON", "on"), "zone", "launch", "--bogus"));
    }

    private List<Path> claims() throws IOException {
        try (Stream<Path> slots = Files.list(dir.resolve("slots"))) {
            return slots.filter(p -> p.getFileName().toString().endsWith(".claim")).toList();
        }
    }

    /** A client whose stdout is closed: the daemon cannot take it, so the client runs the command itself (auto). */
    @ParameterizedTest
    @MethodSource("shells")
    void aCommandTheDaemonCannotServeRunsInAJvmOrFailsWithTheReasonWhenOn(String shell) throws Exception {
        Result on = clientWithStdoutClosed(shell, Map.of("XZONE_DAEMON", "on"), "zone", "launch", "--bogus");
        assertEquals(1, on.exitCode(), on.toString());
        assertTrue(on.err().startsWith("xzone: the xzone daemon (pid " + daemon.pid() + ") cannot run it: pidfd_getfd(fd 1 of process "),
                on.err());
        assertTrue(on.err().contains("EBADF"), on.err());

        Result auto = clientWithStdoutClosed(shell, Map.of(), "zone", "launch", "--bogus");
        // The JVM's own answer: the flag refused, exit 2 (its error goes to stderr, which is open).
        assertEquals(new Result(2, "", "xzone: Unknown option: '--bogus' (see 'xzone zone launch --help')\n"), auto);
        assertTrue(daemonLog().contains("not served, the client runs it itself"), daemonLog());
    }

    @Test
    void offBypassesTheDaemonAndOnRequiresOne() throws Exception {
        signal("STOP", daemon.pid());
        try {
            // A request would wait for the stopped daemon: off must not send one.
            Result off = client("sh", temp, Map.of("XZONE_DAEMON", "off"), "zone", "list");
            assertEquals(3, off.exitCode(), off.toString());
        } finally {
            signal("CONT", daemon.pid());
        }
        Result notServed = client("sh", temp, Map.of("XZONE_DAEMON", "on"), "--version");
        assertEquals(0, notServed.exitCode(), notServed.toString());

        daemon.destroy();
        assertEquals(143, daemon.waitFor());
        assertFalse(Files.exists(dir.resolve("daemon.pid")));
        assertFalse(Files.exists(dir.resolve("requests")));
        Result on = client("sh", temp, Map.of("XZONE_DAEMON", "on"), "zone", "list");
        assertEquals(new Result(1, "", "xzone: no xzone daemon serves " + dir + " (start one with: xzone daemon)\n"), on);
        assertEquals(3, client("sh", temp, Map.of(), "zone", "list").exitCode());
    }

    @Test
    void aSecondDaemonOnTheSameFolderIsRefused() throws Exception {
        Process second = startDaemon(dir);
        assertTrue(second.waitFor(2, TimeUnit.MINUTES));
        assertEquals(1, second.exitValue());
        assertEquals("xzone: another xzone daemon (pid " + daemon.pid() + ") serves " + dir.toRealPath() + "\n",
                Files.readString(temp.resolve("daemon.err.1")));
        assertTrue(daemon.isAlive());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    private int daemons;

    private Process startDaemon(Path state) throws IOException {
        String n = daemons == 0 ? "" : "." + daemons;
        daemons++;
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                ROOT.resolve("toolstack/target/xzone.jar").toString(), "daemon", "--dir", state.toString())
                .directory(temp.toFile())
                .redirectOutput(temp.resolve("daemon.out" + n).toFile())
                .redirectError(temp.resolve("daemon.err" + n).toFile());
        return builder.start();
    }

    private void awaitReady(Path state) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!Files.exists(state.resolve("daemon.pid"))) {
            assertTrue(daemon.isAlive(), "the daemon ended: " + daemonLog());
            assertTrue(Instant.now().isBefore(deadline), "the daemon was not ready after 2 minutes: " + daemonLog());
            Thread.sleep(100);
        }
        assertTrue(Files.readString(temp.resolve("daemon.out")).contains("warmed up in"), daemonLog());
    }

    private String daemonLog() {
        try {
            return Files.readString(temp.resolve("daemon.out")) + Files.readString(temp.resolve("daemon.err"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor());
    }

    private Result client(String shell, Path cwd, Map<String, String> env, String... args) {
        return client(new ArrayList<>(List.of(shell.split(" "))), cwd, env, args);
    }

    /** bin/xzone run by {@code shell} with its stdout closed before it starts. */
    private Result clientWithStdoutClosed(String shell, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(shell.split(" ")));
        // "$@": bin/xzone and its arguments, run by the same shell once fd 1 is closed.
        command.addAll(List.of("-c", "exec 1>&-; exec " + shell + " \"$@\"", "sh"));
        return client(command, temp, env, args);
    }

    private Result client(List<String> command, Path cwd, Map<String, String> env, String... args) {
        command.add(ROOT.resolve("bin/xzone").toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().putAll(Map.of("XZONE_DAEMON_DIR", dir.toString(), "XZONE_CDS", "off", "JAVA", JAVA));
        builder.environment().remove("XZONE_DAEMON");
        builder.environment().remove("XZONE_JAVA_OPTS");
        builder.environment().putAll(env);
        try {
            File stderr = Files.createTempFile(temp, "stderr", ".txt").toFile();
            Process process = builder.redirectError(stderr).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the client did not return");
            return new Result(process.exitValue(), out, Files.readString(stderr.toPath()));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}

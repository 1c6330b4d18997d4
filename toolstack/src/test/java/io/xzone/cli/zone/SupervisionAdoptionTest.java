package io.xzone.cli.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.boot.launch.Zones;
import io.xzone.cli.CommandFailure;
import io.xzone.cli.zone.SupervisionAdoption.Adopted;
import io.xzone.xen.FakeHypervisor;
import io.xzone.xen.ShutdownReason;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SupervisionAdoptionTest {
    @TempDir
    Path dir;
    private FakeZoneEnvironment env;
    /** The supervisors adoption started, as "zone domid", and the claims handed to them. */
    private final List<String> started = new ArrayList<>();
    private final List<SupervisorClaim> claims = new ArrayList<>();

    @BeforeEach
    void host() {
        env = new FakeZoneEnvironment(FakeHypervisor.fullHost(), dir.resolve("run"));
    }

    @AfterEach
    void releaseClaims() {
        claims.forEach(SupervisorClaim::close);
    }

    /** Launches a zone as `zone launch` does (saving its spec in the run folder); returns its domid. */
    private int launch(String name, String... flags) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new ZoneLaunchCommand(env));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("-V", "pv", "-n", name, "-k", Zones.kernel(false).toString()));
        args.addAll(List.of(flags));
        assertEquals(0, cmd.execute(args.toArray(String[]::new)), err.toString());
        return Integer.parseInt(out.toString().lines().findFirst().orElseThrow().replaceAll(".* domain ", ""));
    }

    private Path spec(String name) {
        return dir.resolve("run").resolve(name + ".toml");
    }

    private List<Adopted> adopt() {
        return SupervisionAdoption.adoptOrphans(env, (zone, domid, claim) -> {
            started.add(zone + " " + domid);
            claims.add(claim);
        });
    }

    @Test
    void adoptsTheRunningZonesOfTheSavedSpecsAndHoldsTheirClaims() {
        int web = launch("web");
        int db = launch("db");

        assertEquals(List.of(new Adopted("db", db), new Adopted("web", web)), adopt());
        assertEquals(List.of("db " + db, "web " + web), started);
        assertEquals(List.of(spec("db"), spec("web")), claims.stream().map(SupervisorClaim::spec).toList());
        // The adopted zones' claims are held: a second adoption, or a `zone supervise`, finds them taken.
        assertEquals(List.of(), adopt());
        CommandFailure taken = assertThrows(CommandFailure.class, () -> SupervisorClaim.claim(spec("web")));
        assertEquals("zone web is supervised already (pid " + ProcessHandle.current().pid() + ")", taken.getMessage());
    }

    @Test
    void aClaimGivenUpLetsTheZoneBeAdoptedAgain() {
        int web = launch("web");
        try (SupervisorClaim supervisor = SupervisorClaim.claim(spec("web"))) {
            assertEquals(List.of(), adopt());
        }
        assertEquals(List.of(new Adopted("web", web)), adopt());
    }

    @Test
    void skipsAZoneWhoseSupervisorInAnotherProcessHoldsTheClaimAndAdoptsItOnceThatProcessDied() throws Exception {
        int web = launch("web");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ClaimHolder.class.getName(),
                spec("web").toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader said = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("claimed", said.readLine());

            assertEquals(List.of(), adopt());
            assertEquals(List.of(), started);
            CommandFailure taken = assertThrows(CommandFailure.class, () -> SupervisorClaim.claim(spec("web")));
            assertEquals("zone web is supervised already (pid " + holder.pid() + ")", taken.getMessage());
        } finally {
            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        // Killed with SIGKILL: the kernel dropped its lock, nothing stale is left.
        assertEquals(List.of(new Adopted("web", web)), adopt());
    }

    @Test
    void skipsASpecWhoseUuidIsNotTheRunningZones() throws Exception {
        launch("web");
        Path saved = spec("web");
        String stale = Files.readString(saved).replaceAll("uuid = \"[^\"]*\"", "uuid = \"" + UUID.randomUUID() + "\"");
        Files.writeString(saved, stale);

        assertEquals(List.of(), adopt());
        assertEquals(List.of(), started);
        assertEquals(stale, Files.readString(saved));
    }

    @Test
    void skipsTheSpecOfAZoneThatDoesNotRunAndLeavesIt() throws Exception {
        int web = launch("web");
        String saved = Files.readString(spec("web"));
        env.xen.destroy(web);

        assertEquals(List.of(), adopt());
        assertEquals(List.of(), started);
        assertEquals(saved, Files.readString(spec("web")));
    }

    @Test
    void adoptsAZoneThatShutDownWhileNobodySupervisedIt() {
        int web = launch("web");
        env.xen.guestShutsDown(web, ShutdownReason.REBOOT);

        assertEquals(List.of(new Adopted("web", web)), adopt());
    }

    @Test
    void anUnreadableSpecIsSkippedAndTheOthersAdopted() throws Exception {
        int web = launch("web");
        Files.writeString(spec("broken"), "name = \"broken\"\nmemory = -1\n");

        assertEquals(List.of(new Adopted("web", web)), adopt());
    }

    @Test
    void withoutARunFolderOrSpecsNothingIsAdoptedAndXenIsNotAsked() {
        FakeZoneEnvironment offXen = new FakeZoneEnvironment(FakeHypervisor.fullHost(), dir.resolve("none"));
        assertEquals(List.of(), SupervisionAdoption.adoptOrphans(offXen, (zone, domid, claim) -> started.add(zone)));
        assertEquals(List.of(), offXen.xen.calls());
    }

    @Test
    void aZoneLaunchedWithoutSupervisionForgetsTheSpecAnEarlierLaunchOfItsNameSaved() {
        String uuid = UUID.randomUUID().toString();
        int first = launch("web", "--uuid", uuid);
        env.xen.destroy(first);
        assertTrue(Files.exists(spec("web")));

        int second = launch("web", "--uuid", uuid, "--no-supervise");

        assertFalse(Files.exists(spec("web")));
        assertEquals(List.of(), adopt());
        assertEquals(Optional.empty(), env.xen.state(first));
        assertTrue(env.xen.state(second).isPresent());
    }
}

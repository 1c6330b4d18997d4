package io.xzone.cli.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.boot.launch.Zones;
import io.xzone.boot.spec.BadSpecs;
import io.xzone.boot.spec.SpecFiles;
import io.xzone.cli.ExitCode;
import io.xzone.cli.XenAccess;
import io.xzone.cli.Xzone;
import io.xzone.xen.Hypervisor;
import io.xzone.boot.backend.GuestType;
import java.util.Optional;
import io.xzone.xen.FakeHypervisor;
import io.xzone.xen.ShutdownReason;
import io.xzone.xen.XenStoreErrno;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class ZoneCommandsTest {
    @TempDir
    Path dir;
    private FakeZoneEnvironment env;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String kernel;

    @BeforeEach
    void host() {
        env = new FakeZoneEnvironment(FakeHypervisor.fullHost(), dir.resolve("run"));
        kernel = Zones.kernel(false).toString();
    }

    private int run(FakeZoneEnvironment environment, String... args) {
        CommandLine cmd = Xzone.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                for (var constructor : type.getDeclaredConstructors()) {
                    var parameters = constructor.getParameterTypes();
                    if (parameters.length == 1 && parameters[0] == ZoneEnvironment.class) {
                        return type.cast(constructor.newInstance(environment));
                    }
                    if (parameters.length == 1 && parameters[0] == XenAccess.class) {
                        // Other commands (host info) reach Xen through XenAccess: give them the same fake.
                        constructor.setAccessible(true);
                        return type.cast(constructor.newInstance(new XenAccess() {
                            @Override
                            public Hypervisor openHypervisor() {
                                return environment.xen;
                            }

                            @Override
                            public Optional<GuestType> dom0GuestType() {
                                return Optional.of(GuestType.PV);
                            }
                        }));
                    }
                }
                return CommandLine.defaultFactory().create(type);
            }
        });
        return cmd.execute(args);
    }

    private int run(String... args) {
        return run(env, args);
    }

    @Test
    void launchWithFlagsOnlyStartsTheZoneAndItsSupervisor() throws Exception {
        assertEquals(0, run("zone", "launch", "-V", "pvh", "-n", "web", "-m", "512", "-c", "2", "-k", kernel,
                "--cmdline", "console=hvc0"), err.toString());
        assertTrue(out.toString().startsWith("zone web runs as PVH domain 1"), out.toString());
        assertEquals(List.of("web 1 web.toml"), env.supervisors);
        assertTrue(Files.readString(dir.resolve("run/web.toml")).contains("memory = 512"));
    }

    @Test
    void dryRunPrintsThePlanAndCreatesNothing() {
        assertEquals(0, run("zone", "launch", "--dry-run", "-V", "pv", "-n", "web", "-k", kernel), err.toString());
        assertTrue(out.toString().contains("backend: requested pv, runs as PV: requested with -V pv"), out.toString());
        assertTrue(out.toString().contains("  /local/domain/D/control/shutdown = \"\"  (nD)"), out.toString());
        assertTrue(out.toString().contains("dry run: nothing was created"));
        assertEquals(0, env.xen.guestDomainCount());
        assertEquals(List.of(), env.supervisors);
    }

    @Test
    void pvhOnAHostWithoutHvmExitsFourWithTheSentenceAndCreatesNothing() {
        FakeZoneEnvironment noHvm = new FakeZoneEnvironment(FakeHypervisor.pvOnlyHost(), dir.resolve("run"));
        assertEquals(ExitCode.UNSUPPORTED, run(noHvm, "zone", "launch", "-V", "pvh", "-n", "web", "-k", kernel));
        assertEquals("xzone: pvh needs hardware virtualization (VT-x/AMD-V) but this host offers: pv; use -V auto or -V pv"
                + System.lineSeparator(), err.toString());
        assertEquals(0, noHvm.xen.guestDomainCount());
    }

    @Test
    void aVifOnABridgeDom0LacksExitsTwoNamingItsSpecLineAndCreatesNothing() {
        Path spec = new SpecFiles(dir).file("web.toml", "name = \"web\"\nbackend = \"hvm\"\n\n[[network]]\nbridge = \"xzbr-nowhere\"\n");
        for (String dryRun : List.of("--dry-run", "--no-supervise")) {
            err.getBuffer().setLength(0);
            assertEquals(ExitCode.BAD_INPUT, run("zone", "launch", dryRun, spec.toString()));
            assertEquals("xzone: " + spec + ":5: network.bridge: dom0 has no bridge xzbr-nowhere (create it, e.g. ip link add"
                    + " xzbr-nowhere type bridge; ip link set xzbr-nowhere up)" + System.lineSeparator(), err.toString());
        }
        assertEquals(0, env.xen.guestDomainCount());
        assertEquals(List.of(), env.supervisors);
    }

    @Test
    void anHvmNicModelQemuLacksExitsTwoListingTheModelsAndCreatesNothing() {
        Path spec = new SpecFiles(dir).file("web.toml", "name = \"web\"\nbackend = \"hvm\"\n\n[[network]]\nbridge = \"xenbr0\"\nmodel = \"ne2000\"\n");
        assertEquals(ExitCode.BAD_INPUT, run("zone", "launch", "--no-supervise", spec.toString()));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("xzone: " + spec + ":5: network.model: 'ne2000' is not a QEMU NIC model for Xen HVM"
                + " guests; use one of rtl8139, e1000, "), err.toString());
        assertTrue(err.toString().strip().endsWith(", vmxnet3"), err.toString());
        assertEquals(0, env.xen.guestDomainCount());
        assertEquals(List.of(), env.supervisors);
    }

    @Test
    void aFailedStepExitsOneNamingTheStep() {
        env.xen.failOnce("dom_build_image", 12);
        assertEquals(ExitCode.FAILED, run("zone", "launch", "-V", "pv", "-n", "web", "-k", kernel));
        assertTrue(err.toString().startsWith("xzone: launch of web failed at step image: "), err.toString());
        assertEquals(1, err.toString().lines().count());
        assertEquals(0, env.xen.guestDomainCount());
    }

    @Test
    void listShowsZonesAsTextAndJson() {
        run("zone", "launch", "-V", "auto", "-n", "web", "-k", kernel, "--no-supervise");
        out.getBuffer().setLength(0);
        assertEquals(0, run("zone", "list"));
        assertTrue(out.toString().lines().anyMatch(l -> l.matches("web\\s+1 auto\\s+pv\\s+r-----\\s+256\\s+1")), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("zone", "list", "--output", "json"));
        String json = out.toString().replaceAll("\\s+", " ");
        assertTrue(json.contains("{ \"name\": \"web\", \"domid\": 1, \"backend\": \"auto\", \"type\": \"pv\", \"state\": \"r-----\""), json);
    }

    @Test
    void destroyPauseAndUnknownZones() {
        run("zone", "launch", "-V", "pv", "-n", "web", "-k", kernel, "--no-supervise");
        assertEquals(0, run("zone", "pause", "web"));
        assertTrue(env.xen.state(1).orElseThrow().paused());
        assertEquals(0, run("zone", "unpause", "web"));
        assertEquals(0, run("zone", "destroy", "web"));
        assertEquals(0, env.xen.guestDomainCount());
        assertEquals(ExitCode.NOT_FOUND, run("zone", "destroy", "web"));
        assertTrue(err.toString().startsWith("xzone: no zone named 'web' runs on this host"), err.toString());
    }

    @Test
    void destroyThatCannotCleanEverythingStillDestroysTheDomainAndExitsOneNamingWhatWasLeft() {
        run("zone", "launch", "-V", "pv", "-n", "web", "-k", kernel, "--no-supervise");
        env.store.failUnder("xs_rm", "/libxl/1", XenStoreErrno.EACCES);
        assertEquals(ExitCode.FAILED, run("zone", "destroy", "web"));
        assertEquals("xzone: domain 1 was destroyed, but not all cleaned up; left: xenstore /libxl/1: xs_rm(/libxl/1) failed:"
                + " EACCES (permission denied); refused by the test" + System.lineSeparator(), err.toString());
        assertEquals(0, env.xen.guestDomainCount());
        assertEquals(ExitCode.NOT_FOUND, run("zone", "destroy", "web"));
    }

    @Test
    void shutdownWaitsForTheGuestAndForceDestroysOneThatIgnoresIt() {
        run("zone", "launch", "-V", "pv", "-n", "web", "-k", kernel, "--no-supervise");
        env.xen.guestShutsDown(1, ShutdownReason.POWEROFF);
        assertEquals(0, run("zone", "shutdown", "web", "--timeout", "2"));
        assertTrue(out.toString().contains("zone web shut down"));
        run("zone", "destroy", "web");
        run("zone", "launch", "-V", "pv", "-n", "stubborn", "-k", kernel, "--no-supervise");
        assertEquals(ExitCode.FAILED, run("zone", "shutdown", "stubborn", "--timeout", "1"));
        assertTrue(err.toString().contains("did not shut down within 1 s and still runs; use --force"), err.toString());
        assertEquals(0, run("zone", "shutdown", "stubborn", "--timeout", "1", "--force"));
        assertEquals(0, env.xen.guestDomainCount());
    }

    static List<BadSpecs.Case> badSpecs() {
        return BadSpecs.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void eachBadSpecIsOneLineAndExitCodeTwo(BadSpecs.Case bad) {
        SpecFiles files = new SpecFiles(dir);
        files.elfKernel("vmlinux");
        files.file("notes.txt", "not a kernel");
        run("zone", "launch", "-V", "pv", "-n", BadSpecs.EXISTING, "-k", kernel, "--no-supervise");
        err.getBuffer().setLength(0);
        Path spec = files.file("web.toml", bad.toml());
        assertEquals(ExitCode.BAD_INPUT, run("zone", "launch", "--dry-run", spec.toString()), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("xzone: " + spec + bad.error()), err.toString());
    }

    @Test
    void badFlagNamesTheFlag() {
        assertEquals(ExitCode.BAD_INPUT, run("zone", "launch", "--dry-run", "-n", "web", "-k", kernel, "-m", "-5"));
        assertEquals("xzone: --memory: memory: -5 MiB; must be positive" + System.lineSeparator(), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(ExitCode.BAD_INPUT, run("zone", "launch", "--dry-run", "-n", "web", "-k", kernel, "-V", "kvm"));
        assertTrue(err.toString().startsWith("xzone: -V: backend: unknown value 'kvm'"), err.toString());
    }
}

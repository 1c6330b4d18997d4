package io.xzone.cli.daemon;

import io.xzone.boot.lifecycle.ZoneSupervisor;
import io.xzone.cli.CommandFailure;
import io.xzone.cli.ExitCode;
import io.xzone.cli.zone.SupervisionAdoption;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xzone daemon}: the resident xzone. A JVM kept warm that runs the zone commands and host info sent by
 * bin/xzone, so that such a command costs a shell script and a few milliseconds instead of a JVM start.
 */
@Command(name = "daemon",
        sortOptions = false,
        description = {
            "Runs the resident xzone in the foreground: a warm JVM that runs the zone commands and 'host info' for",
            "bin/xzone, which then starts no JVM of its own (a launch costs what its Xen work costs). Clients send",
            "requests through the FIFO 'requests' and the slots in DIR/slots; the daemon runs each in its own thread, in",
            "the client's working folder, with its arguments, writing into the client's own stdout and stderr (Linux 5.6:",
            "pidfd_getfd), and returns its exit code; it supervises the zones it launches in-process.",
            "At start, before it is ready, it adopts the zones nobody supervises any more (those of a daemon that",
            "stopped, say): each zone with a spec saved in /run/xzone (NAME.toml) that runs under that name with its",
            "uuid, and whose supervisor lock (NAME.supervisor.lock) no live 'zone supervise' process or daemon holds.",
            "It logs a line per adopted zone, and its ready line says how many it adopted.",
            "DIR is made private (mode 0700) to the user running the daemon: only that user (root) can send requests.",
            "The daemon is ready when DIR/daemon.pid exists. It stops on SIGTERM or SIGINT, removing its FIFO and pid.",
            "bin/xzone uses it when XZONE_DAEMON is not 'off' and DIR (XZONE_DAEMON_DIR, default /run/xzone) has a",
            "live daemon; XZONE_DAEMON=on fails (exit 1) rather than start a JVM when none is there.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  xzone daemon                                       in the foreground (systemd: samples/systemd/xzone.service)",
            "  setsid xzone daemon >/var/log/xzone-daemon.log 2>&1 &     in the background, by hand",
            "  xzone zone launch samples/zones/tiny-pv.toml      then runs in the daemon",
            "  XZONE_DAEMON=off xzone zone list                   runs in a JVM of its own",
            "  xzone daemon --dir /tmp/xzone-test                 a private daemon (clients: XZONE_DAEMON_DIR=/tmp/xzone-test)",
            "  systemctl restart xzone                            its zones run on and their supervision moves to the new daemon",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "1:DIR cannot be made private or its FIFO made, or another live daemon serves DIR.",
            "2:Bad flag.",
            "143:Stopped by SIGTERM (130: SIGINT), as a daemon normally ends.",
        })
public final class DaemonCommand implements Callable<Integer> {
    private static final String LOG_LEVEL = "org.slf4j.simpleLogger.log.";
    /** Whose info lines a daemon's log shows: its requests, the zones it adopts, what its supervisors do. */
    private static final List<String> LOGGED = List.of("io.xzone.cli.daemon", SupervisionAdoption.class.getName(),
            ZoneSupervisor.class.getName());

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "/run/xzone",
            description = "The daemon's private folder (default ${DEFAULT-VALUE}).")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // A daemon's log says what it did: each request and its exit code, the zones it adopted, its supervisors'
        // actions (more with --verbose).
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            LOGGED.stream().filter(logger -> System.getProperty(LOG_LEVEL + logger) == null)
                    .forEach(logger -> System.setProperty(LOG_LEVEL + logger, "info"));
        }
        PrintWriter out = spec.commandLine().getOut();
        StateDirectory state = StateDirectory.claim(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(state::close, "xzone-daemon-exit"));
        try (state) {
            ResidentZoneEnvironment zones = new ResidentZoneEnvironment();
            CommandRunner runner = new CommandRunner(new ReusedCommandLines(zones));
            out.println("xzone daemon: " + Warmup.run(runner));
            int adopted = SupervisionAdoption.adoptOrphans(zones, zones::supervise).size();
            RequestServer server = new RequestServer(state,
                    new RequestExchange(runner, state.slots(), state.folder().resolve(StateDirectory.REQUESTS)));
            state.ready();
            out.println("xzone daemon: ready, serving " + state.folder() + " (pid " + ProcessHandle.current().pid() + "), "
                    + adopted + (adopted == 1 ? " zone" : " zones") + " adopted");
            server.serve();
            return ExitCode.FAILED;
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.FAILED, "the daemon cannot read its FIFO " + state.folder() + "/"
                    + StateDirectory.REQUESTS + ": " + e.getMessage(), e);
        }
    }
}

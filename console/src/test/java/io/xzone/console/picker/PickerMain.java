package io.xzone.console.picker;

import io.xzone.console.Consoles;
import io.xzone.console.attach.EscapeKey;
import io.xzone.console.server.ConsoleServers;
import io.xzone.console.server.ProcessServerLauncher;
import io.xzone.console.zones.ZonesFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** The picker on the real terminal it runs in (tmux in the test), over zones from a file: {@code RUNDIR ZONESFILE}. */
public final class PickerMain {
    private PickerMain() {
    }

    public static void main(String[] args) throws Exception {
        ZonesFile zones = new ZonesFile(Path.of(args[1]));
        ConsoleServers servers = new ConsoleServers(Path.of(args[0], "consoles.sock"), new ProcessServerLauncher(null));
        Consoles consoles = new Consoles(zones, zones, servers, Clock.systemUTC());
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            new ConsolePicker(terminal, consoles, EscapeKey.DEFAULT, Duration.ofMillis(500)).run();
        }
        System.exit(0);
    }
}

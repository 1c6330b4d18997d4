package io.xzone.console;

import io.xzone.console.attach.ConsoleLink;
import io.xzone.console.mux.ConsoleStatus;
import io.xzone.console.server.ConsoleServers;
import io.xzone.console.zones.ConsoleLocator;
import io.xzone.console.zones.Zone;
import io.xzone.console.zones.ZoneDirectory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The consoles of this host: finds a zone's console, attaches to it, and tells how each one is doing. */
public final class Consoles {
    private final ZoneDirectory zones;
    private final ConsoleLocator locator;
    private final ConsoleServers servers;
    private final Clock clock;

    public Consoles(ZoneDirectory zones, ConsoleLocator locator, ConsoleServers servers, Clock clock) {
        this.zones = zones;
        this.locator = locator;
        this.servers = servers;
        this.clock = clock;
    }

    public ZoneDirectory zones() {
        return zones;
    }

    public Zone zone(String nameOrDomid) throws NoSuchConsole {
        return zones.find(nameOrDomid).orElseThrow(() -> new NoSuchConsole(
                "no running zone named '" + nameOrDomid + "' (run 'xzone console' to list them)"));
    }

    /**
     * The console's pty. A console the zone is set up for but whose pty is not published yet (the zone is starting)
     * is waited for up to {@code wait}, with a xenstore watch, rather than reported missing at once (xl's race).
     */
    public ConsoleTarget target(Zone zone, ConsoleType type, Duration wait) throws NoSuchConsole, InterruptedException {
        boolean configured = locator.configured(zone, type);
        Optional<String> tty = locator.awaitTty(zone.domid(), type, configured ? wait : Duration.ZERO);
        if (tty.isPresent()) {
            return new ConsoleTarget(zone.domid(), zone.name(), type, tty.get());
        }
        if (!configured) {
            throw new NoSuchConsole("zone " + zone.name() + " (" + zone.kind() + ") has no " + type.label() + " console ("
                    + type.guestDevice() + ")" + (type == ConsoleType.SERIAL
                            ? ": only zones with a device model (HVM) have an emulated serial port; use -t pv"
                            : ": it was started without one; use -t serial"));
        }
        throw new NoSuchConsole("the " + type.label() + " console of zone " + zone.name() + " did not appear: "
                + type.ttyPath(zone.domid()) + " is still unset after " + wait.toSeconds() + " s (is "
                + (type == ConsoleType.PV ? "xenconsoled" : "the zone's device model") + " running?)");
    }

    public ConsoleLink attach(ConsoleTarget target) throws IOException {
        return servers.attach(target);
    }

    /** The console as the picker shows it; a pty that cannot be opened counts as absent. */
    public ConsoleView view(Zone zone, ConsoleType type) {
        Optional<String> tty = locator.tty(zone.domid(), type);
        if (tty.isEmpty()) {
            return new ConsoleView(zone, type, ConsoleState.ABSENT, "", null);
        }
        ConsoleTarget target = new ConsoleTarget(zone.domid(), zone.name(), type, tty.get());
        try {
            ConsoleStatus status = servers.status(target);
            if (status.ended()) {
                return new ConsoleView(zone, type, ConsoleState.ABSENT, status.lastLine(), null);
            }
            ConsoleState state = status.liveAt(clock.instant()) ? ConsoleState.LIVE : ConsoleState.IDLE;
            return new ConsoleView(zone, type, state, status.lastLine(), target);
        } catch (IOException e) {
            return new ConsoleView(zone, type, ConsoleState.ABSENT, e.getMessage(), null);
        }
    }

    /**
     * For {@code -t auto}: when the chosen console has been silent and the zone's other console is live, the sentence
     * that says so and how to switch; empty otherwise.
     */
    public Optional<String> silenceHint(Zone zone, ConsoleType chosen) {
        ConsoleView mine = view(zone, chosen);
        ConsoleView other = view(zone, chosen.other());
        if (mine.state() == ConsoleState.LIVE || other.state() != ConsoleState.LIVE) {
            return Optional.empty();
        }
        return Optional.of("the " + chosen.label() + " console (" + chosen.guestDevice() + ") of " + zone.name()
                + " is silent but its " + chosen.other().label() + " console (" + chosen.other().guestDevice()
                + ") is live: leave with the escape key and run 'xzone console " + zone.name() + " -t "
                + chosen.other().label() + "'");
    }
}

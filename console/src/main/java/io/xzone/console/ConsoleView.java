package io.xzone.console;

import io.xzone.console.zones.Zone;

/** One console of one zone as the picker lists it; {@code target} is null when the console is absent. */
public record ConsoleView(Zone zone, ConsoleType type, ConsoleState state, String lastLine, ConsoleTarget target) {
}

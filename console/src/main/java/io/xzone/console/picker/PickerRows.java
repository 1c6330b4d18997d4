package io.xzone.console.picker;

import io.xzone.console.ConsoleState;
import io.xzone.console.ConsoleType;
import io.xzone.console.ConsoleView;
import io.xzone.console.Consoles;
import io.xzone.console.zones.Zone;
import java.util.ArrayList;
import java.util.List;

/** The picker's table: one row per console of every running zone, the primary console first. */
final class PickerRows {
    static final int ZONE_WIDTH = 16;

    private PickerRows() {
    }

    static List<ConsoleView> of(Consoles consoles) {
        List<ConsoleView> rows = new ArrayList<>();
        for (Zone zone : consoles.zones().zones()) {
            ConsoleType primary = zone.kind().primaryConsole();
            rows.add(consoles.view(zone, primary));
            rows.add(consoles.view(zone, primary.other()));
        }
        return rows;
    }

    static String header() {
        return String.format("  %-" + ZONE_WIDTH + "s %5s %-4s %-14s %-6s %s", "ZONE", "ID", "TYPE", "CONSOLE", "STATE",
                "LAST LINE");
    }

    static String format(ConsoleView row, int width) {
        String console = row.type().label() + " (" + row.type().guestDevice() + ")";
        String line = String.format("%-" + ZONE_WIDTH + "s %5d %-4s %-14s %-6s %s", clip(row.zone().name(), ZONE_WIDTH),
                row.zone().domid(), row.zone().kind(), console, row.state(),
                row.state() == ConsoleState.ABSENT ? "" : row.lastLine());
        return clip(line, Math.max(0, width - 2));
    }

    static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, Math.max(0, width - 1)) + "~";
    }
}

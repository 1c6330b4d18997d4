package io.xzone.console.zones;

import io.xzone.console.ConsoleType;
import java.util.Locale;

/** How a zone runs, as libxl records it in /libxl/N/type; it decides which console is the primary one. */
public enum ZoneKind {
    PV, PVH, HVM, UNKNOWN;

    /** The console {@code -t auto} picks, as {@code xl console} does: HVM zones have serial, PV and PVH zones pv. */
    public ConsoleType primaryConsole() {
        return this == HVM ? ConsoleType.SERIAL : ConsoleType.PV;
    }

    /** libxl's type string (pv, pvh, hvm); anything else is UNKNOWN. */
    public static ZoneKind ofLibxl(String type) {
        return switch (type.strip().toLowerCase(Locale.ROOT)) {
            case "pv" -> PV;
            case "pvh" -> PVH;
            case "hvm" -> HVM;
            default -> UNKNOWN;
        };
    }

    @Override
    public String toString() {
        return this == UNKNOWN ? "?" : name();
    }
}

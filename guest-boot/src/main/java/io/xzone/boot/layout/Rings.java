package io.xzone.boot.layout;

/**
 * The values only the image build knows, as xenstore strings: event channel ports and ring frames of the xenstore and
 * console rings. {@link #PLANNED} stands in for them in a --dry-run plan.
 */
public record Rings(String storePort, String storeRingRef, String consolePort, String consoleRingRef) {
    public static final Rings PLANNED = new Rings("<store port>", "<store mfn>", "<console port>", "<console mfn>");

    public static Rings of(int storePort, long storeMfn, int consolePort, long consoleMfn) {
        return new Rings(Integer.toString(storePort), Long.toString(storeMfn), Integer.toString(consolePort),
                Long.toString(consoleMfn));
    }
}

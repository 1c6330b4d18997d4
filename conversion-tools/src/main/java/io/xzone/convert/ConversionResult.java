package io.xzone.convert;

import io.xzone.convert.edit.Distribution;
import java.nio.file.Path;
import java.util.List;

/**
 * What happened to one guest.
 *
 * @param guest   the guest's name (the file name when the config could not be read)
 * @param config  its xl.cfg
 * @param reason  for FAILED, the one-line reason; else empty
 * @param changes the guest paths changed (or, in a dry run, that would change)
 * @param diffs   unified diffs of those changes (dry run only)
 * @param outputs the files written beside the config: the HVM xl.cfg and the zone spec
 */
public record ConversionResult(String guest, Path config, Status status, String reason, ConversionException.Kind failure,
        Distribution distribution, String bootloader, List<String> changes, List<String> diffs, List<Path> outputs) {

    public enum Status {
        /** Edited now (or finished a conversion a killed run had begun). */
        CONVERTED,
        /** Already converted: nothing changed. */
        UNCHANGED,
        /** Dry run: the diffs say what a conversion would change. */
        PLANNED,
        /** Restored to its originals. */
        ROLLED_BACK,
        FAILED
    }

    public ConversionResult {
        changes = List.copyOf(changes);
        diffs = List.copyOf(diffs);
        outputs = List.copyOf(outputs);
    }

    public static ConversionResult failed(String guest, Path config, ConversionException e) {
        return new ConversionResult(guest, config, Status.FAILED, e.getMessage(), e.kind(), Distribution.unknown(), "",
                List.of(), List.of(), List.of());
    }
}

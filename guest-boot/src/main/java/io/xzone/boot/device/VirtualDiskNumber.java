package io.xzone.boot.device;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The device number (devid) of a guest disk name, as libxl 4.17 computes it (libxl__device_disk_dev_number): xvdX is
 * major 202 with 16 minors a disk (xvda = 51712), or the extended form (1 << 28) beyond xvdp; hda-hdd are IDE majors 3
 * and 22 with 64 minors a disk (hda = 768); sda-sdp are SCSI major 8 with 16 minors a disk (sda = 2048).
 */
public final class VirtualDiskNumber {
    private static final Pattern NAME = Pattern.compile("(xvd|hd|sd)([a-z]+)");

    private VirtualDiskNumber() {
    }

    /** The devid, or empty for a name libxl cannot number (hde and beyond, sdq and beyond). */
    public static OptionalInt of(String target) {
        Matcher m = NAME.matcher(target);
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        int disk = letters(m.group(2));
        return switch (m.group(1)) {
            case "xvd" -> OptionalInt.of(disk <= 15 ? (202 << 8) | (disk << 4) : (1 << 28) | (disk << 8));
            case "hd" -> disk > 3 ? OptionalInt.empty() : OptionalInt.of(((disk < 2 ? 3 : 22) << 8) | ((disk & 1) << 6));
            default -> disk > 15 ? OptionalInt.empty() : OptionalInt.of((8 << 8) | (disk << 4));
        };
    }

    /** The drive letters as a number, a=0 ... z=25, aa=26: base 26 with a carry, as Linux names disks. */
    private static int letters(String text) {
        int index = -1;
        for (char c : text.toCharArray()) {
            index = (index + 1) * 26 + (c - 'a');
        }
        return index;
    }
}

package io.xzone.convert.edit;

import java.util.regex.Pattern;

/**
 * GRUB Legacy's menu.lst / grub.conf (pv-grub and pygrub guests, CentOS 6): kernel lines log on ttyS0; splashimage
 * lines go (GRUB Legacy then draws its menu on the screen only, nothing reaches the serial line); {@code (hd0)}, the
 * whole disk that PV configs often name, becomes {@code (hd0,0)} (both CDs fail on it with "Error 17: Cannot mount
 * selected partition").
 */
final class LegacyMenuRule extends LineRule {
    private static final Pattern SPLASH = Pattern.compile("^\\s*splashimage\\b.*");
    private static final Pattern KERNEL = Pattern.compile("^\\s*kernel\\s.*");
    private static final Pattern WHOLE_DISK = Pattern.compile("\\(hd0\\)");

    LegacyMenuRule() {
        super(On.BOOT, BootConfigs.LEGACY_MENUS);
    }

    @Override
    String editLine(String line) {
        if (SPLASH.matcher(line).matches()) {
            return null;
        }
        String fixed = WHOLE_DISK.matcher(line).replaceAll("(hd0,0)");
        return KERNEL.matcher(fixed).matches() ? ConsoleArgs.toSerial(fixed) : fixed;
    }
}

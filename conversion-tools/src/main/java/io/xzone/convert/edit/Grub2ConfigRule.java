package io.xzone.convert.edit;

import java.util.regex.Pattern;

/**
 * GRUB 2's grub.cfg, edited directly so the guest boots right now (/etc/default/grub keeps it so after the guest's
 * next update-grub): linux lines log on ttyS0, and a gfxterm terminal becomes the serial one so the menu stays on the
 * serial line.
 */
final class Grub2ConfigRule extends LineRule {
    private static final Pattern LINUX = Pattern.compile("^\\s*linux(16|efi)?\\s.*");
    private static final Pattern GFXTERM = Pattern.compile("^(\\s*terminal_output)\\s+gfxterm\\s*$");

    Grub2ConfigRule() {
        super(On.BOOT, BootConfigs.GRUB2_CONFIGS);
    }

    @Override
    String editLine(String line) {
        if (LINUX.matcher(line).matches()) {
            return ConsoleArgs.toSerial(line);
        }
        return GFXTERM.matcher(line).replaceAll("$1 serial console");
    }
}

package io.xzone.convert.edit;

import io.xzone.convert.guestfs.GuestFsException;
import java.util.List;

/**
 * Where bootloader configurations live on partition 1, in the order the GRUB CDs look for them: under /boot when the
 * partition is the root, at its top when it is a separate /boot.
 */
public final class BootConfigs {
    public static final List<String> LEGACY_MENUS = List.of("/boot/grub/menu.lst", "/boot/grub/grub.conf",
            "/grub/menu.lst", "/grub/grub.conf");
    public static final List<String> GRUB2_CONFIGS = List.of("/boot/grub/grub.cfg", "/boot/grub2/grub.cfg",
            "/grub/grub.cfg", "/grub2/grub.cfg");

    private BootConfigs() {
    }

    /** Which kind of bootloader configuration partition 1 holds; GRUB 2's wins when both are there. */
    public static Kind find(Guest guest) throws GuestFsException {
        if (anyFile(guest, GRUB2_CONFIGS)) {
            return Kind.GRUB2;
        }
        return anyFile(guest, LEGACY_MENUS) ? Kind.LEGACY : Kind.NONE;
    }

    private static boolean anyFile(Guest guest, List<String> paths) throws GuestFsException {
        for (String path : paths) {
            if (guest.boot().tree().regularFile(path).isPresent()) {
                return true;
            }
        }
        return false;
    }

    public enum Kind { GRUB2, LEGACY, NONE }
}

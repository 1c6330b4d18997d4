package io.xzone.convert.guestfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GuestPathsTest {
    @Test
    void symlinkTargetsStayInsideTheGuest() {
        assertEquals("/boot/grub/grub.conf", GuestPaths.resolveTarget("/boot/grub/menu.lst", "./grub.conf", "/"));
        assertEquals("/etc/passwd", GuestPaths.resolveTarget("/boot/x", "../../../../../etc/passwd", "/"));
        assertEquals("/grub/grub.conf", GuestPaths.resolveTarget("/grub/menu.lst", "/boot/grub/grub.conf", "/boot"));
        assertEquals("/etc/x", GuestPaths.resolveTarget("/a/b", "/etc//./x", "/"));
    }

    @Test
    void requestsCannotCarryOddPaths() {
        assertThrows(IllegalArgumentException.class, () -> GuestPaths.check("/etc/a b"));
        assertThrows(IllegalArgumentException.class, () -> GuestPaths.check("etc/x"));
        assertThrows(IllegalArgumentException.class, () -> GuestPaths.check("/etc/../x"));
        assertEquals("/", GuestPaths.parent("/x"));
        assertEquals("/etc", GuestPaths.parent("/etc/x"));
    }
}

package io.xzone.boot.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** What dom0 itself booted as, from the kernel's own report in /sys/hypervisor/guest_type. */
public final class Dom0 {
    /** Where a Linux dom0 says what it is. */
    public static final Path GUEST_TYPE = Path.of("/sys/hypervisor/guest_type");

    private Dom0() {
    }

    /** dom0's guest type read from {@code guestTypeFile}; empty when the file is missing or says something else. */
    public static Optional<GuestType> guestType(Path guestTypeFile) {
        try {
            return GuestType.parse(Files.readString(guestTypeFile));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + guestTypeFile + ": " + e.getMessage(), e);
        }
    }
}

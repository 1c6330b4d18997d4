package io.xzone.boot.backend;

import io.xzone.boot.spec.VirtBackend;
import java.util.Locale;
import java.util.Optional;

/** What a domain boots as: the values of /sys/hypervisor/guest_type and the backends xzone builds. */
public enum GuestType {
    PV,
    PVH,
    HVM;

    /** Parses a guest_type value ("PV", "PVH", "HVM", any case, surrounding blanks ignored). */
    public static Optional<GuestType> parse(String text) {
        String value = text.strip().toUpperCase(Locale.ROOT);
        for (GuestType type : values()) {
            if (type.name().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Whether Xen builds it in an HVM container (needs hardware virtualization and HAP or shadow paging). */
    public boolean hvmContainer() {
        return this != PV;
    }

    public VirtBackend backend() {
        return VirtBackend.valueOf(name());
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.xzone.cli.host;

import io.xzone.boot.backend.BackendChoice;
import io.xzone.boot.backend.BackendResolver;
import io.xzone.boot.backend.BackendUnavailableException;
import io.xzone.boot.spec.VirtBackend;
import java.util.Optional;

/**
 * What one {@code -V} value gives on this host: the guest type it boots as, or why it is refused.
 *
 * @param requested the -V value
 * @param choice    what it resolves to, empty when refused
 * @param reason    why it resolves so, or why it is refused (one sentence)
 */
record BackendOutcome(VirtBackend requested, Optional<BackendChoice> choice, String reason) {

    static BackendOutcome of(BackendResolver resolver, VirtBackend requested) {
        try {
            BackendChoice choice = resolver.resolve(requested);
            return new BackendOutcome(requested, Optional.of(choice), choice.reason());
        } catch (BackendUnavailableException e) {
            return new BackendOutcome(requested, Optional.empty(), e.getMessage());
        }
    }

    boolean available() {
        return choice.isPresent();
    }
}

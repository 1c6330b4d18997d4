package io.xzone.boot.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an undo (a failed launch, a destroy) could not remove, each as "what: why". Every undo step is tried even when
 * an earlier one failed, as libxl's destroy goes on past a device it cannot clean: a misbehaving backend must never
 * keep a domain alive.
 */
public final class Leftovers {
    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private final String of;
    private final List<String> items = new ArrayList<>();

    /** @param of whose remains these are, for the log, e.g. "a failed launch" or "domain 3" */
    public Leftovers(String of) {
        this.of = of;
    }

    /** Runs one undo step; its failure is noted and the caller goes on. */
    public void attempt(String what, Runnable undo) {
        get(what, () -> {
            undo.run();
            return what;
        });
    }

    /**
     * What {@code read} returns, for a step the undo needs to know something first (which devices, which trees); when
     * it fails, empty, with {@code what} noted as left behind and why.
     */
    public <T> Optional<T> get(String what, Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (RuntimeException e) {
            failed(what, e);
            return Optional.empty();
        }
    }

    /** The devices whose detach failed, as {@link DeviceBackends#detachAll} returns them. */
    public void devices(Map<DeviceId, RuntimeException> failed) {
        failed.forEach((id, e) -> failed(id.describe(), e));
    }

    public void failed(String what, RuntimeException e) {
        LOG.warn("could not remove {} of {}: {}", what, of, e.getMessage());
        items.add(what + ": " + e.getMessage());
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public List<String> items() {
        return List.copyOf(items);
    }
}

package io.xzone.cli.daemon;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the daemon keeps from one command to the next because making it costs a command real time, while each serves
 * one command at a time: taken (an idle one, else a new one), used, given back; a few are kept, the rest discarded.
 */
final class Reusables<T> {
    private final int kept;
    private final Supplier<T> maker;
    private final Consumer<T> discard;
    private final Deque<T> idle = new ConcurrentLinkedDeque<>();

    /**
     * @param kept    how many idle ones to keep: enough for the commands that usually overlap
     * @param maker   makes a new one (its exceptions reach {@link #take}'s caller)
     * @param discard ends one that is not kept
     */
    Reusables(int kept, Supplier<T> maker, Consumer<T> discard) {
        this.kept = kept;
        this.maker = maker;
        this.discard = discard;
    }

    /** An idle one, else a new one, for the caller alone until given back. */
    T take() {
        T item = idle.pollFirst();
        return item != null ? item : maker.get();
    }

    /** Keeps {@code item} for a later command, or discards it when enough are kept. */
    void giveBack(T item) {
        if (idle.size() < kept) {
            idle.addFirst(item);
        } else {
            discard.accept(item);
        }
    }
}

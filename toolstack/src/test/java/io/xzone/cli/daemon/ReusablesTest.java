package io.xzone.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.xzone.xen.XenUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReusablesTest {
    private final List<Object> made = new ArrayList<>();
    private final List<Object> discarded = new ArrayList<>();
    private final Reusables<Object> reusables = new Reusables<>(2, () -> {
        Object item = new Object();
        made.add(item);
        return item;
    }, discarded::add);

    @Test
    void oneGivenBackServesTheNextCommandWithoutMakingAnother() {
        Object first = reusables.take();
        reusables.giveBack(first);

        assertSame(first, reusables.take());
        assertEquals(1, made.size());
        assertEquals(List.of(), discarded);
    }

    @Test
    void concurrentCommandsEachGetTheirOwn() {
        Object first = reusables.take();
        Object second = reusables.take();

        assertNotSame(first, second);
        assertEquals(2, made.size());
    }

    @Test
    void thoseBeyondTheKeptFewAreDiscardedWhenGivenBack() {
        List<Object> taken = List.of(reusables.take(), reusables.take(), reusables.take());
        taken.forEach(reusables::giveBack);

        assertEquals(List.of(taken.get(2)), discarded);
        assertEquals(3, made.size());
    }

    @Test
    void theMakersFailureReachesTheCommand() {
        Reusables<Object> offXen = new Reusables<>(2, () -> {
            throw new XenUnavailableException("no /dev/xen/privcmd");
        }, item -> { });

        assertThrows(XenUnavailableException.class, offXen::take);
    }
}

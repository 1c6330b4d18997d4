package io.xzone.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.xen.FakeHypervisor;
import io.xzone.xen.Hypervisor;
import io.xzone.xen.XenUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdleHypervisorsTest {
    private final List<FakeHypervisor> opened = new ArrayList<>();
    private final IdleHypervisors hypervisors = new IdleHypervisors(() -> {
        FakeHypervisor xen = FakeHypervisor.fullHost();
        opened.add(xen);
        return xen;
    });

    @Test
    void aHandleGivenBackServesTheNextCommandWithoutOpeningAnother() {
        Hypervisor first = hypervisors.take();
        hypervisors.giveBack(first);

        assertSame(first, hypervisors.take());
        assertEquals(1, opened.size());
        assertFalse(opened.get(0).isClosed());
    }

    @Test
    void concurrentCommandsEachGetTheirOwnHandle() {
        Hypervisor first = hypervisors.take();
        Hypervisor second = hypervisors.take();

        assertNotSame(first, second);
        assertEquals(2, opened.size());
    }

    @Test
    void handlesBeyondTheKeptFewAreClosedWhenGivenBack() {
        List<Hypervisor> taken = new ArrayList<>();
        for (int i = 0; i < IdleHypervisors.KEPT + 1; i++) {
            taken.add(hypervisors.take());
        }
        taken.forEach(hypervisors::giveBack);

        assertEquals(1, opened.stream().filter(FakeHypervisor::isClosed).count());
        assertTrue(opened.get(IdleHypervisors.KEPT).isClosed(), "the last one given back is closed");
    }

    @Test
    void offXenTheOpenersFailureReachesTheCommand() {
        IdleHypervisors offXen = new IdleHypervisors(() -> {
            throw new XenUnavailableException("no /dev/xen/privcmd");
        });

        assertThrows(XenUnavailableException.class, offXen::take);
    }
}

package io.xzone.xen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeHypervisorTest {
    @TempDir
    Path dir;

    private ImageSpec pvImage(int domid, int store, int console) throws IOException {
        Path kernel = Files.writeString(dir.resolve("vmlinux"), "not really a kernel");
        return new ImageSpec(domid, ImageContainer.PV, kernel, Optional.empty(), "console=hvc0", 64, 1, store, console,
                0, 0, Optional.empty());
    }

    @Test
    void aFullPvBuildThenDestroyLeavesNothingBehind() throws IOException {
        FakeHypervisor fake = FakeHypervisor.fullHost();
        long free = fake.freePages();
        int domid = fake.createDomain(DomainConfig.pv(UUID.randomUUID(), 1));
        fake.setMaxVcpus(domid, 1);
        fake.setMaxMemory(domid, 64 * 1024 + 1024);
        int store = fake.allocUnboundEvtchn(domid, 0);
        int console = fake.allocUnboundEvtchn(domid, 0);
        BuiltImage image = fake.buildImage(pvImage(domid, store, console));
        assertEquals("xen-3.0-x86_64", image.guestType());
        assertTrue(image.storeMfn() != image.storePfn(), "PV rings are addressed by machine frame");
        assertEquals(2, fake.openEvtchnCount());
        assertEquals(free - 64 * 256, fake.freePages());
        fake.unpause(domid);
        assertTrue(fake.domainInfo(domid).orElseThrow().has(DomainFlag.RUNNING));

        fake.destroy(domid);
        assertEquals(0, fake.guestDomainCount());
        assertEquals(0, fake.openEvtchnCount());
        assertEquals(free, fake.freePages());
        assertEquals(List.of("domain_create", "domain_max_vcpus", "domain_setmaxmem", "evtchn_alloc_unbound",
                "evtchn_alloc_unbound", "dom_build_image", "domain_unpause", "domain_getinfolist", "domain_destroy"),
                fake.calls());
    }

    @Test
    void injectedFaultsNameTheCallAndErrno() {
        FakeHypervisor fake = FakeHypervisor.fullHost().failOnce("domain_create", 12);
        XenException e = assertThrows(XenException.class, () -> fake.createDomain(DomainConfig.pv(UUID.randomUUID(), 1)));
        assertEquals(12, e.errno());
        assertTrue(e.getMessage().startsWith("xc_domain_create("), e.getMessage());
        assertTrue(e.getMessage().contains("ENOMEM"), e.getMessage());
        fake.createDomain(DomainConfig.pv(UUID.randomUUID(), 1));
        assertEquals(1, fake.guestDomainCount(), "failOnce fails only the next call");

        fake.failOn("domain_destroy", 16);
        assertThrows(XenException.class, () -> fake.destroy(1));
        assertThrows(XenException.class, () -> fake.destroy(1));
        fake.clearFaults();
        fake.destroy(1);
        assertEquals(0, fake.guestDomainCount());
    }

    @Test
    void unknownCallNamesAreRejectedSoTyposCannotHideATest() {
        assertThrows(IllegalArgumentException.class, () -> FakeHypervisor.fullHost().failOn("domain_creat", 1));
    }

    @Test
    void behavesLikeXenOnMissingDomainsAndHostsWithoutHvm() {
        FakeHypervisor fake = FakeHypervisor.pvOnlyHost();
        assertEquals(3, assertThrows(XenException.class, () -> fake.pause(42)).errno());
        assertEquals(22, assertThrows(XenException.class,
                () -> fake.createDomain(DomainConfig.pvh(UUID.randomUUID(), 1, true))).errno());
        assertEquals(Optional.empty(), fake.domainInfo(42));
        assertEquals(0, fake.listDomains().get(0).domid(), "dom0 is always listed");
    }

    @Test
    void hvmParamsXen417RefusesAreRefused() {
        FakeHypervisor fake = FakeHypervisor.fullHost();
        int domid = fake.createDomain(DomainConfig.hvm(UUID.randomUUID(), 1, true));
        fake.setHvmParam(domid, HvmParam.TIMER_MODE, 1);
        assertEquals(1, fake.getHvmParam(domid, HvmParam.TIMER_MODE));
        assertEquals(22, assertThrows(XenException.class, () -> fake.setHvmParam(domid, HvmParam.NESTEDHVM, 0)).errno());
    }

    @Test
    void buildingMoreThanMaxMemoryFailsLikePopulatePhysmap() throws IOException {
        FakeHypervisor fake = FakeHypervisor.fullHost();
        int domid = fake.createDomain(DomainConfig.pv(UUID.randomUUID(), 1));
        fake.setMaxMemory(domid, 32 * 1024);
        int store = fake.allocUnboundEvtchn(domid, 0);
        int console = fake.allocUnboundEvtchn(domid, 0);
        assertEquals(12, assertThrows(XenException.class, () -> fake.buildImage(pvImage(domid, store, console))).errno());
        assertFalse(fake.state(domid).orElseThrow().image().isPresent());
    }

    @Test
    void shutdownIsReportedUntilDestroy() {
        FakeHypervisor fake = FakeHypervisor.fullHost();
        int domid = fake.createDomain(DomainConfig.pv(UUID.randomUUID(), 1));
        fake.guestShutsDown(domid, ShutdownReason.REBOOT);
        DomainInfo info = fake.domainInfo(domid).orElseThrow();
        assertEquals(Optional.of(ShutdownReason.REBOOT), info.shutdownReason());
        fake.destroy(domid);
        assertTrue(fake.domainInfo(domid).isEmpty());
    }
}

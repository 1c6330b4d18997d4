package io.xzone.boot.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.boot.backend.GuestType;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.xen.FakeHypervisor;
import io.xzone.xen.FakeXenStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A failure injected into each call of each build step in turn: every launch must leave no domain, no event channel
 * and no xenstore node of the zone behind, and name the step that failed.
 */
class FaultInjectionTest {
    private static final int ENOMEM = 12;
    private static final int EIO = 5;

    @TempDir
    Path dir;
    private final FakeHypervisor xen = FakeHypervisor.fullHost();
    private final FakeXenStore store = new FakeXenStore();
    private final RecordingDeviceModels deviceModels = new RecordingDeviceModels(store);

    /** A fault: where to inject it, and the step it must be reported at. */
    record Fault(String backend, String call, BuildStep step, Consumer<FaultInjectionTest> inject) {
        @Override
        public String toString() {
            return backend + ": " + call + " fails -> step " + step.label();
        }
    }

    private static Fault xen(String backend, String call, BuildStep step) {
        return new Fault(backend, call, step, t -> t.xen.failOnce(call, ENOMEM));
    }

    private static Fault store(String backend, String call, BuildStep step) {
        return new Fault(backend, call, step, t -> t.store.failNext(call, EIO));
    }

    static Stream<Arguments> faults() {
        List<Fault> faults = new java.util.ArrayList<>();
        for (String backend : List.of("pv", "pvh", "hvm")) {
            faults.add(xen(backend, "domain_create", BuildStep.CREATE));
            faults.add(xen(backend, "domain_max_vcpus", BuildStep.LIMITS));
            faults.add(xen(backend, "vcpu_setaffinity", BuildStep.LIMITS));
            faults.add(xen(backend, "domain_setmaxmem", BuildStep.LIMITS));
            faults.add(xen(backend, "domain_set_tsc_info", BuildStep.LIMITS));
            faults.add(xen(backend, "evtchn_alloc_unbound", BuildStep.EVENT_CHANNELS));
            faults.add(xen(backend, "dom_build_image", BuildStep.IMAGE));
            faults.add(store(backend, "xs_transaction_start", BuildStep.XENSTORE));
            faults.add(store(backend, "xs_write", BuildStep.XENSTORE));
            faults.add(store(backend, "xs_set_permissions", BuildStep.XENSTORE));
            faults.add(store(backend, "xs_introduce_domain", BuildStep.INTRODUCE));
            faults.add(xen(backend, "domain_unpause", BuildStep.UNPAUSE));
        }
        faults.add(xen("pv", "domain_set_memmap_limit", BuildStep.LIMITS));
        faults.add(xen("hvm", "hvm_param_set", BuildStep.LIMITS));
        faults.add(new Fault("hvm", "qemu", BuildStep.DEVICE_MODEL, t -> t.deviceModels.failNextStart()));
        return faults.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void aFailureAtAnyStepLeavesNothingBehindAndNamesTheStep(Fault fault) {
        ZoneSpec spec = Zones.spec(dir, "web", fault.backend());
        ZoneLauncher launcher = new ZoneLauncher(xen, store, Optional.of(GuestType.PV), deviceModels);
        fault.inject().accept(this);
        LaunchException e = assertThrows(LaunchException.class, () -> launcher.launch(spec));

        assertEquals(fault.step(), e.step());
        assertTrue(e.getMessage().startsWith("launch of web failed at step " + fault.step().label() + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertEquals(0, xen.guestDomainCount(), "domains left");
        assertEquals(0, xen.openEvtchnCount(), "event channels left");
        assertEquals(xen.totalPages(), xen.freePages(), "memory left allocated");
        assertFalse(store.isDomainIntroduced(1), "domain still introduced to xenstored");
        List<String> left = store.dump("/").keySet().stream().filter(p -> p.startsWith("/local/domain/1")
                || p.startsWith("/vm/") || p.startsWith("/libxl/1") || p.contains("/backend/console/1")
                || p.contains("/device-model/1")).toList();
        assertEquals(List.of(), left, "xenstore nodes left");
        if (fault.backend().equals("hvm") && fault.step() == BuildStep.UNPAUSE) {
            assertEquals(List.of("start web", "stop web"), deviceModels.events());
        }
    }
}

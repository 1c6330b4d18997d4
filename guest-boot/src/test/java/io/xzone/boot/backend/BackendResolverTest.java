package io.xzone.boot.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.boot.kernel.KernelCapabilities;
import io.xzone.boot.kernel.XenNote;
import io.xzone.boot.spec.VirtBackend;
import io.xzone.xen.HostCapability;
import io.xzone.xen.PhysInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** Every backend x dom0 type x host capability set x kernel, from the fixture resolution-table.csv. */
class BackendResolverTest {

    @ParameterizedTest(name = "-V {0}, dom0 {1}, host [{2}], kernel {3}")
    @CsvFileSource(resources = "resolution-table.csv", delimiter = '|', quoteCharacter = '"')
    void resolvesAsTheTableSays(String backend, String dom0, String capabilities, String kernel, String expected,
                                String message) {
        BackendResolver resolver = new BackendResolver(GuestType.parse(dom0), host(capabilities), kernel(kernel));
        VirtBackend requested = VirtBackend.valueOf(backend.toUpperCase(Locale.ROOT));
        if (expected.equals("refused")) {
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                    () -> resolver.resolve(requested));
            assertEquals(message, e.getMessage());
            return;
        }
        BackendChoice choice = resolver.resolve(requested);
        String[] typeAndPaging = expected.split(" ");
        assertEquals(GuestType.valueOf(typeAndPaging[0]), choice.type());
        assertEquals(typeAndPaging.length > 1, choice.hap(), "hap");
        assertEquals(message, choice.reason());
    }

    @Test
    void theSvmLessLabHostRefusesPvhWithTheDocumentedSentence() {
        BackendResolver resolver = new BackendResolver(Optional.of(GuestType.PV), host("pv"), Optional.empty());
        assertEquals("pvh needs hardware virtualization (VT-x/AMD-V) but this host offers: pv; use -V auto or -V pv",
                assertThrows(BackendUnavailableException.class, () -> resolver.resolve(VirtBackend.PVH)).getMessage());
        assertEquals(GuestType.PV, resolver.autoIfPossible().orElseThrow().type());
    }

    @Test
    void dom0GuestTypeComesFromSysfs(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("guest_type"), "PVH\n");
        assertEquals(Optional.of(GuestType.PVH), Dom0.guestType(file));
        Files.writeString(file, "PV\n");
        assertEquals(Optional.of(GuestType.PV), Dom0.guestType(file));
        Files.writeString(file, "Xen\n");
        assertEquals(Optional.empty(), Dom0.guestType(file));
        assertEquals(Optional.empty(), Dom0.guestType(dir.resolve("missing")));
    }

    @Test
    void offersListsOnlyWhatMattersForBackends() {
        assertEquals("pv, hvm, hap", BackendResolver.offers(host("pv hvm hap gnttab_v1")));
        assertEquals("nothing", BackendResolver.offers(host("")));
        assertTrue(BackendResolver.offers(host("pv directio")).equals("pv"));
    }

    private static PhysInfo host(String capabilities) {
        Set<HostCapability> caps = EnumSet.noneOf(HostCapability.class);
        for (String c : capabilities.split(" ")) {
            if (!c.isBlank()) {
                caps.add(HostCapability.valueOf(c.toUpperCase(Locale.ROOT)));
            }
        }
        return new PhysInfo(2, 2_000_000, 1 << 20, 1 << 19, caps);
    }

    /** Kernel fixtures by their notes: "none" (no kernel to check), pv-only, pvh-only, pv+pvh. */
    private static Optional<KernelCapabilities> kernel(String kind) {
        Map<Integer, String> notes = new HashMap<>();
        switch (kind) {
            case "none":
                return Optional.empty();
            case "pv+pvh":
                notes.put(XenNote.PHYS32_ENTRY, "0x01000000");
                notes.putAll(pvNotes());
                break;
            case "pv-only":
                notes.putAll(pvNotes());
                break;
            case "pvh-only":
                notes.put(XenNote.PHYS32_ENTRY, "0x01000000");
                break;
            default:
                throw new IllegalArgumentException("unknown kernel fixture " + kind);
        }
        return Optional.of(new KernelCapabilities(Path.of("/k"), notes));
    }

    private static Map<Integer, String> pvNotes() {
        return Map.of(XenNote.GUEST_OS, "linux", XenNote.XEN_VERSION, "xen-3.0", XenNote.LOADER, "generic");
    }
}

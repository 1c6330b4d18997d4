package io.xzone.boot.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfNotesTest {
    @TempDir
    Path dir;

    @Test
    void debiansKernelIsPvAndPvhCapable() throws Exception {
        KernelCapabilities caps = ElfNotes.inspect(TestKernels.debianVmlinux());
        assertTrue(caps.pvh(), "Debian's kernel has XEN_ELFNOTE_PHYS32_ENTRY: " + caps.notes());
        assertTrue(caps.pv(), caps.notes().toString());
        assertEquals("linux", caps.notes().get(XenNote.GUEST_OS));
        assertEquals("xen-3.0", caps.notes().get(XenNote.XEN_VERSION));
        assertEquals("PV and PVH", caps.describe());
    }

    @Test
    void whereARsdpMayGoFollowsLinuxsRsdpUnrestrictedFeatureBit() throws Exception {
        KernelCapabilities debian = ElfNotes.inspect(TestKernels.debianVmlinux());
        assertTrue(debian.findsRsdpAnywhere(), "Debian's Linux sets XENFEAT_linux_rsdp_unrestricted: " + debian.notes());
        KernelCapabilities tiny = ElfNotes.inspect(TestKernels.pvAndPvhElf());
        assertFalse(tiny.findsRsdpAnywhere(), "a Linux without the supported-features note: " + tiny.notes());
        assertFalse(new KernelCapabilities(Path.of("k"), java.util.Map.of(XenNote.GUEST_OS, "linux",
                XenNote.SUPPORTED_FEATURES, "0x00000801")).findsRsdpAnywhere());
        assertTrue(new KernelCapabilities(Path.of("k"), java.util.Map.of(XenNote.GUEST_OS, "freebsd")).findsRsdpAnywhere());
    }

    @Test
    void aKernelWithOnlyPvNotesIsNotPvhCapable() throws Exception {
        KernelCapabilities caps = ElfNotes.inspect(TestKernels.pvOnlyElf());
        assertTrue(caps.pv());
        assertFalse(caps.pvh());
        assertEquals("0xffffffff80000000", caps.notes().get(XenNote.VIRT_BASE));
        assertEquals("0x0000000000000000", caps.notes().get(XenNote.PADDR_OFFSET));
        assertEquals("PV only", caps.describe());
    }

    @Test
    void thePhys32NoteAloneMakesTheDifference() throws Exception {
        KernelCapabilities caps = ElfNotes.inspect(TestKernels.pvAndPvhElf());
        assertTrue(caps.pvh());
        assertEquals("0x01000000", caps.notes().get(XenNote.PHYS32_ENTRY));
    }

    @Test
    void anElfWithoutXenNotesIsNeither() throws Exception {
        KernelCapabilities caps = ElfNotes.inspect(Path.of("/bin/true").toRealPath());
        assertFalse(caps.pv());
        assertFalse(caps.pvh());
        assertEquals("neither PV nor PVH", caps.describe());
    }

    @Test
    void aBzImageIsRefusedWithAHint() throws Exception {
        Path vmlinuz;
        try (var boot = Files.list(Path.of("/boot"))) {
            vmlinuz = boot.filter(p -> p.getFileName().toString().startsWith("vmlinuz-")).findFirst().orElseThrow();
        }
        KernelImageException e = assertThrows(KernelImageException.class, () -> ElfNotes.inspect(vmlinuz));
        assertTrue(e.getMessage().contains("compressed bzImage"), e.getMessage());
        assertTrue(e.getMessage().contains(vmlinuz.toString()), e.getMessage());
    }

    @Test
    void nonElfAndMissingFilesAreOneClearSentence() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, not a kernel");
        assertEquals("kernel " + text + " is not an ELF file",
                assertThrows(KernelImageException.class, () -> ElfNotes.inspect(text)).getMessage());
        Path missing = dir.resolve("nope");
        assertEquals("kernel " + missing + " does not exist",
                assertThrows(KernelImageException.class, () -> ElfNotes.inspect(missing)).getMessage());
    }

    @Test
    void aTruncatedElfIsReportedAsDamaged() throws Exception {
        byte[] elf = Files.readAllBytes(TestKernels.pvOnlyElf());
        byte[] head = java.util.Arrays.copyOf(elf, 64);
        // Point the program headers far beyond the end of the cut file.
        head[32] = (byte) 0xff;
        head[33] = (byte) 0xff;
        head[34] = (byte) 0x0f;
        Path cut = Files.write(dir.resolve("cut.elf"), head);
        KernelImageException e = assertThrows(KernelImageException.class, () -> ElfNotes.inspect(cut));
        assertTrue(e.getMessage().contains("damaged ELF"), e.getMessage());
    }
}

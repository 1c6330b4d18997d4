package io.xzone.boot.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.xen.ImageContainer;
import io.xzone.xen.KernelImageProbe;
import io.xzone.xen.XenException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Java note check against libxenguest's own loader, run on a dummy xc handle (no Xen needed): whatever Java
 * calls PV/PVH-capable, xc_dom_parse_image accepts in a PV/HVM container, and what Java refuses, it refuses too.
 */
class ElfNotesAgreeWithLibxenguestTest {

    @Test
    void debiansKernel() throws Exception {
        Path vmlinux = TestKernels.debianVmlinux();
        KernelCapabilities caps = ElfNotes.inspect(vmlinux);
        assertTrue(caps.pv() && caps.pvh());
        assertEquals("xen-3.0-x86_64", KernelImageProbe.guestType(vmlinux, ImageContainer.PV));
        assertEquals("hvm-3.0-x86_32", KernelImageProbe.guestType(vmlinux, ImageContainer.HVM));
    }

    @Test
    void pvOnlyKernel() throws Exception {
        Path elf = TestKernels.pvOnlyElf();
        KernelCapabilities caps = ElfNotes.inspect(elf);
        assertTrue(caps.pv() && !caps.pvh());
        assertEquals("xen-3.0-x86_64", KernelImageProbe.guestType(elf, ImageContainer.PV));
        XenException e = assertThrows(XenException.class, () -> KernelImageProbe.guestType(elf, ImageContainer.HVM));
        assertTrue(e.getMessage().startsWith("xc_dom_parse_image(" + elf), e.getMessage());
        // Which loader gives up last depends on the layout ("not capable of booting inside a HVM container" from the
        // ELF loader, "ELF image is not 32bit" from the hvmloader one); both are libxenguest refusing the kernel.
        assertTrue(e.getMessage().contains("Invalid kernel"), e.getMessage());
    }

    @Test
    void pvAndPvhKernel() throws Exception {
        Path elf = TestKernels.pvAndPvhElf();
        assertTrue(ElfNotes.inspect(elf).pvh());
        assertEquals("hvm-3.0-x86_32", KernelImageProbe.guestType(elf, ImageContainer.HVM));
    }
}

package io.xzone.xen;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@link Hypervisor#buildImage} loads into a created domain.
 *
 * @param domid         the domain, created and given its limits (max vcpus, max memory) already
 * @param container     PV, or HVM for PVH and HVM guests
 * @param kernel        the kernel (PV/PVH: an ELF vmlinux or bzImage; HVM: hvmloader)
 * @param ramdisk       the initial ramdisk, if any
 * @param cmdline       the kernel command line ("" for none)
 * @param memoryMib     the guest's memory in MiB (xc_dom_mem_init)
 * @param maxVcpus      vCPUs the image is built for
 * @param storeEvtchn   the xenstore event channel port in the guest (from {@link Hypervisor#allocUnboundEvtchn})
 * @param consoleEvtchn the console event channel port in the guest
 * @param storeDomid    the domain running xenstored (0)
 * @param consoleDomid  the domain running the console backend (0)
 * @param hvm           the HVM container's layout; required for {@link ImageContainer#HVM}, empty for PV
 */
public record ImageSpec(int domid, ImageContainer container, Path kernel, Optional<Path> ramdisk, String cmdline,
                        long memoryMib, int maxVcpus, int storeEvtchn, int consoleEvtchn, int storeDomid,
                        int consoleDomid, Optional<HvmLayout> hvm) {
    public ImageSpec {
        if (container == ImageContainer.HVM && hvm.isEmpty()) {
            throw new IllegalArgumentException("an HVM container image needs an HvmLayout (mmio hole, e820 map)");
        }
        if (container == ImageContainer.PV && hvm.isPresent()) {
            throw new IllegalArgumentException("a PV image takes no HvmLayout");
        }
        if (memoryMib <= 0) {
            throw new IllegalArgumentException("image memory must be positive, got " + memoryMib + " MiB");
        }
        cmdline = cmdline == null ? "" : cmdline;
    }
}

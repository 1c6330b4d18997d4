package io.xzone.xen;

import com.sun.jna.Structure;
import io.xzone.xen.raw.E820EntryStruct;
import io.xzone.xen.raw.LibXenGuest;
import io.xzone.xen.raw.XcDomImage;
import io.xzone.xen.raw.XcDomainInfo;
import io.xzone.xen.raw.XenDomctlCreateDomain;
import io.xzone.xen.raw.XenSysctlPhysinfo;
import java.util.List;
import java.util.function.Supplier;

/**
 * The binding's structure layouts are Xen 4.17's. At open this checks that the JNA structures have the C sizes, that
 * the running hypervisor is 4.17, and that a fresh xc_dom_image from the loaded libxenguest has the fields
 * xc_dom_allocate sets where the binding expects them. Anything else is refused before a domain is touched.
 */
final class LayoutCheck {
    static final int SUPPORTED_MAJOR = 4;
    static final int SUPPORTED_MINOR = 17;
    private static final String PROBE_CMDLINE = "xzone-layout-probe";
    /** XC_DOM_DECOMPRESS_MAX, the max_kernel_size xc_dom_allocate sets. */
    private static final long DECOMPRESS_MAX = 1024L * 1024 * 1024;

    private LayoutCheck() {
    }

    /** The JNA structures against their C sizes; a mismatch is a bug in the binding itself. */
    static void structureSizes() {
        List<Supplier<Structure>> structures = List.of(XenDomctlCreateDomain::new, XenSysctlPhysinfo::new,
                XcDomainInfo::new, E820EntryStruct::new);
        List<Integer> sizes = List.of(XenDomctlCreateDomain.SIZE, XenSysctlPhysinfo.SIZE, XcDomainInfo.SIZE,
                E820EntryStruct.SIZE);
        for (int i = 0; i < structures.size(); i++) {
            Structure s = structures.get(i).get();
            if (s.size() != sizes.get(i)) {
                throw new IllegalStateException(s.getClass().getSimpleName() + " is " + s.size()
                        + " bytes in the binding but " + sizes.get(i) + " in Xen 4.17's headers");
            }
        }
    }

    /** Refuses any hypervisor but 4.17 with one sentence. */
    static void version(XenVersion running) {
        if (running.major() != SUPPORTED_MAJOR || running.minor() != SUPPORTED_MINOR) {
            throw new XenUnavailableException("this host runs Xen " + running + " but xzone's binding is built for Xen "
                    + SUPPORTED_MAJOR + "." + SUPPORTED_MINOR + " (structure layouts differ between versions); "
                    + "use xl on this host");
        }
    }

    /** Allocates an xc_dom_image on {@code handle} and checks the fields xc_dom_allocate fills in. */
    static void domImage(LibXenGuest xg, XcHandle handle) {
        XcDomImage dom = handle.funnel.callForHandle("xc_dom_allocate(" + PROBE_CMDLINE + ")",
                () -> xg.xc_dom_allocate(handle.xch, PROBE_CMDLINE, null));
        try {
            boolean xchAtOffset = handle.xch.getPointer().equals(dom.xch());
            boolean cmdlineAtOffset = PROBE_CMDLINE.equals(dom.cmdline());
            boolean maxKernelAtOffset = dom.maxKernelSize() == DECOMPRESS_MAX;
            if (!xchAtOffset || !cmdlineAtOffset || !maxKernelAtOffset) {
                throw new XenUnavailableException("the installed " + LibXenGuest.SONAME + " lays out struct "
                        + "xc_dom_image differently from Xen 4.17 (xch at " + XcDomImage.XCH + ": " + xchAtOffset
                        + ", cmdline at " + XcDomImage.CMDLINE + ": " + cmdlineAtOffset + ", max_kernel_size at "
                        + XcDomImage.MAX_KERNEL_SIZE + ": " + maxKernelAtOffset + "); xzone will not build domains with it");
            }
        } finally {
            xg.xc_dom_release(dom);
        }
    }
}

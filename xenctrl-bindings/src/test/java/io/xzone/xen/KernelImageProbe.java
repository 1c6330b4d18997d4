package io.xzone.xen;

import io.xzone.xen.raw.LibXenCtrl;
import io.xzone.xen.raw.LibXenGuest;
import io.xzone.xen.raw.NativeLibraries;
import io.xzone.xen.raw.XcDomImage;
import java.nio.file.Path;

/**
 * A test oracle: asks libxenguest's own ELF loader what a kernel is, without Xen: on a dummy xc handle (no hypercalls)
 * with xen_caps filled by hand, xc_dom_kernel_file + xc_dom_parse_image report the guest type, e.g. "xen-3.0-x86_64" in a
 * PV container or "hvm-3.0-x86_32" in an HVM one (PVH-capable), or fail with the loader's reason.
 */
public final class KernelImageProbe {
    /** What Xen 4.17 on x86_64 with HVM support reports as XENVER_capabilities. */
    static final String XEN_CAPS = "xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64";

    private KernelImageProbe() {
    }

    /**
     * The guest type libxenguest parses {@code kernel} as in {@code container}.
     *
     * @throws XenException when the loader refuses the kernel (its message says why)
     * @throws XenUnavailableException when the Xen libraries cannot be loaded
     */
    public static String guestType(Path kernel, ImageContainer container) {
        LibXenGuest xg = NativeLibraries.xenguest();
        try (XcHandle handle = XcHandle.open(LibXenCtrl.XC_OPENFLAG_DUMMY, "cannot open a dummy xc handle")) {
            LayoutCheck.domImage(xg, handle);
            XcDomImage dom = handle.funnel.callForHandle("xc_dom_allocate(probe)", () -> xg.xc_dom_allocate(handle.xch, "", null));
            try {
                dom.setContainerType(container.code());
                dom.setXenCaps(XEN_CAPS);
                handle.funnel.call("xc_dom_kernel_file(" + kernel + ")", () -> xg.xc_dom_kernel_file(dom, kernel.toString()));
                handle.funnel.call("xc_dom_parse_image(" + kernel + ", " + container + " container)",
                        () -> xg.xc_dom_parse_image(dom));
                return dom.guestType();
            } finally {
                xg.xc_dom_release(dom);
            }
        }
    }
}

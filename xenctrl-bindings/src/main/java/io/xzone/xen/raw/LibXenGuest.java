package io.xzone.xen.raw;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * libxenguest.so.4.17: the xc_dom_* domain builder. Calls return 0 on success and set the handle's last error (and
 * usually errno) on failure. xc_dom_p2m and xc_dom_seg_to_ptr are inline in xenguest.h, hence not here.
 */
public interface LibXenGuest extends Library {
    String SONAME = "libxenguest.so.4.17";

    /** NULL on failure. */
    XcDomImage xc_dom_allocate(XcInterface xch, String cmdline, String features);

    void xc_dom_release(XcDomImage dom);

    /** Maps the kernel file itself; only the tests' KernelImageProbe uses it (builds use xc_dom_kernel_mem). */
    int xc_dom_kernel_file(XcDomImage dom, String filename);

    /** The kernel from memory the caller keeps until xc_dom_release (libxenguest only reads it). */
    int xc_dom_kernel_mem(XcDomImage dom, Pointer mem, long memsize);

    /** A module (ramdisk) from memory the caller keeps until xc_dom_release. */
    int xc_dom_module_mem(XcDomImage dom, Pointer mem, long memsize, String cmdline);

    int xc_dom_boot_xen_init(XcDomImage dom, XcInterface xch, int domid);

    int xc_dom_parse_image(XcDomImage dom);

    int xc_dom_mem_init(XcDomImage dom, int memMb);

    int xc_dom_boot_mem_init(XcDomImage dom);

    int xc_dom_build_image(XcDomImage dom);

    int xc_dom_boot_image(XcDomImage dom);

    int xc_dom_gnttab_init(XcDomImage dom);

    /** C bool: whether the guest is auto-translated (an HVM container), so its pfns are its frame numbers. */
    byte xc_dom_translated(XcDomImage dom);
}

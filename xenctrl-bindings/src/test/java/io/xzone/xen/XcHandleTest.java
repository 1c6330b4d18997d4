package io.xzone.xen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.xen.raw.LibXenCtrl;
import io.xzone.xen.raw.LibXenGuest;
import io.xzone.xen.raw.NativeLibraries;
import io.xzone.xen.raw.XcDomImage;
import org.junit.jupiter.api.Test;

/** The handle and the funnel on a dummy xc handle, which the real libxenctrl gives without Xen. */
class XcHandleTest {
    @Test
    void theInstalledLibxenguestHasXen417sDomImageLayout() {
        try (XcHandle handle = XcHandle.open(LibXenCtrl.XC_OPENFLAG_DUMMY, "dummy")) {
            LayoutCheck.domImage(NativeLibraries.xenguest(), handle);
        }
    }

    @Test
    void aFailedCallNamesItselfAndCarriesErrno() {
        LibXenGuest xg = NativeLibraries.xenguest();
        try (XcHandle handle = XcHandle.open(LibXenCtrl.XC_OPENFLAG_DUMMY, "dummy")) {
            XcDomImage dom = xg.xc_dom_allocate(handle.xch, "", null);
            try {
                XenException e = assertThrows(XenException.class, () -> handle.funnel.call(
                        "xc_dom_kernel_file(/nonexistent/vmlinux)", () -> xg.xc_dom_kernel_file(dom, "/nonexistent/vmlinux")));
                assertTrue(e.getMessage().startsWith("xc_dom_kernel_file(/nonexistent/vmlinux) failed: ENOENT"),
                        e.getMessage());
                assertEquals(2, e.errno());
            } finally {
                xg.xc_dom_release(dom);
            }
        }
    }

    @Test
    void aClosedHandleRefusesCallsInsteadOfCrashing() {
        XcHandle handle = XcHandle.open(LibXenCtrl.XC_OPENFLAG_DUMMY, "dummy");
        handle.close();
        handle.close();
        assertThrows(IllegalStateException.class, () -> handle.funnel.call("xc_version", () -> 0));
    }
}

package io.xzone.xen.raw;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;

/**
 * {@code struct xc_dom_image *} from xc_dom_allocate. Xen 4.17 declares the whole struct (1952 bytes) in xenguest.h
 * and libxl fills its fields directly; these accessors do the same at the offsets gcc gives for x86_64 (checked
 * against the running library by {@link XcDomImageLayout}).
 */
public final class XcDomImage extends PointerType {
    public static final int SIZE = 1952;
    public static final int KERNEL_SIZE = 8;
    public static final int MAX_KERNEL_SIZE = 152;
    public static final int CMDLINE = 176;
    public static final int GUEST_TYPE = 208;
    public static final int CONSOLE_PFN = 384;
    public static final int XENSTORE_PFN = 392;
    public static final int PV_P2M = 480;
    public static final int TOTAL_PAGES = 504;
    public static final int FLAGS = 560;
    public static final int CONSOLE_EVTCHN = 568;
    public static final int XENSTORE_EVTCHN = 572;
    public static final int CONSOLE_DOMID = 576;
    public static final int XENSTORE_DOMID = 580;
    public static final int XCH = 592;
    public static final int CLAIM_ENABLED = 604;
    public static final int XEN_CAPS = 612;
    public static final int XEN_CAPS_SIZE = 1024;
    public static final int CONTAINER_TYPE = 1712;
    public static final int TARGET_PAGES = 1720;
    public static final int MMIO_START = 1728;
    public static final int MMIO_SIZE = 1736;
    public static final int LOWMEM_END = 1744;
    public static final int HIGHMEM_END = 1752;
    public static final int VGA_HOLE_SIZE = 1760;
    public static final int DEVICE_MODEL = 1768;
    public static final int SYSTEM_FIRMWARE_MODULE = 1776;
    public static final int ACPI_MODULES = 1800;
    /** struct xc_hvm_firmware_module: data pointer 0, length (uint32) 8, guest_addr_out 16. */
    public static final int FIRMWARE_MODULE_SIZE = 24;
    public static final int E820 = 1920;
    public static final int E820_ENTRIES = 1928;
    public static final int MAX_VCPUS = 1944;

    private Pointer at() {
        Pointer p = getPointer();
        if (p == null) {
            throw new IllegalStateException("xc_dom_image used after xc_dom_release");
        }
        return p;
    }

    public void setFlags(long flags) {
        at().setLong(FLAGS, flags);
    }

    public void setConsoleEvtchn(int port) {
        at().setInt(CONSOLE_EVTCHN, port);
    }

    public void setXenstoreEvtchn(int port) {
        at().setInt(XENSTORE_EVTCHN, port);
    }

    public void setConsoleDomid(int domid) {
        at().setInt(CONSOLE_DOMID, domid);
    }

    public void setXenstoreDomid(int domid) {
        at().setInt(XENSTORE_DOMID, domid);
    }

    public void setClaimEnabled(boolean enabled) {
        at().setInt(CLAIM_ENABLED, enabled ? 1 : 0);
    }

    /** Fills xen_caps by hand, which a dummy handle needs before xc_dom_parse_image (xc_dom_boot_xen_init does it otherwise). */
    public void setXenCaps(String caps) {
        byte[] bytes = caps.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (bytes.length >= XEN_CAPS_SIZE) {
            throw new IllegalArgumentException("xen_caps longer than " + (XEN_CAPS_SIZE - 1) + " bytes");
        }
        at().write(XEN_CAPS, bytes, 0, bytes.length);
        at().setByte(XEN_CAPS + bytes.length, (byte) 0);
    }

    public void setContainerType(int type) {
        at().setInt(CONTAINER_TYPE, type);
    }

    public void setTargetPages(long pages) {
        at().setLong(TARGET_PAGES, pages);
    }

    public void setMmio(long start, long size) {
        at().setLong(MMIO_START, start);
        at().setLong(MMIO_SIZE, size);
    }

    public void setMemoryEnds(long lowmemEnd, long highmemEnd) {
        at().setLong(LOWMEM_END, lowmemEnd);
        at().setLong(HIGHMEM_END, highmemEnd);
    }

    /** Pages kept free for the emulated VGA (libxl: LIBXL_VGA_HOLE_SIZE with a device model, else 0). */
    public void setVgaHoleSize(long pages) {
        at().setLong(VGA_HOLE_SIZE, pages);
    }

    /** C bool: one byte. */
    public void setDeviceModel(boolean deviceModel) {
        at().setByte(DEVICE_MODEL, (byte) (deviceModel ? 1 : 0));
    }

    /** Points a firmware module slot (system firmware, or acpi_modules[i]) at memory the caller keeps alive. */
    public void setFirmwareModule(int offset, Pointer data, int length, long guestAddress) {
        at().setPointer(offset, data);
        at().setInt(offset + 8, length);
        at().setLong(offset + 16, guestAddress);
    }

    /** Points e820/e820_entries at a packed array the caller keeps alive until the build is done. */
    public void setE820(Pointer entries, int count) {
        at().setPointer(E820, entries);
        at().setInt(E820_ENTRIES, count);
    }

    public void setMaxVcpus(int maxVcpus) {
        at().setInt(MAX_VCPUS, maxVcpus);
    }

    public String guestType() {
        Pointer p = at().getPointer(GUEST_TYPE);
        return p == null ? "" : p.getString(0, "US-ASCII");
    }

    public long consolePfn() {
        return at().getLong(CONSOLE_PFN);
    }

    public long xenstorePfn() {
        return at().getLong(XENSTORE_PFN);
    }

    /** x86 PV only: the guest's pfn -> mfn table as the builder made it (what the inline xc_dom_p2m reads). */
    public long pvP2m(long pfn) {
        long total = at().getLong(TOTAL_PAGES);
        Pointer p2m = at().getPointer(PV_P2M);
        if (p2m == null || pfn < 0 || pfn >= total) {
            throw new IllegalStateException("pfn " + pfn + " is outside the PV p2m (" + total + " pages)");
        }
        return p2m.getLong(pfn * Long.BYTES);
    }

    // Read back by the layout check: fields xc_dom_allocate sets itself.

    public Pointer xch() {
        return at().getPointer(XCH);
    }

    public String cmdline() {
        Pointer p = at().getPointer(CMDLINE);
        return p == null ? null : p.getString(0, "US-ASCII");
    }

    public long maxKernelSize() {
        return at().getLong(MAX_KERNEL_SIZE);
    }
}

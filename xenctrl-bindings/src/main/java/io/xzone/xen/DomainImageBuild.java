package io.xzone.xen;

import com.sun.jna.Memory;
import io.xzone.xen.raw.LibXenGuest;
import io.xzone.xen.raw.XcDomImage;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libxenguest's xc_dom_* chain for one {@link ImageSpec}, in libxl 4.17's order: allocate, kernel and ramdisk (from
 * memory, see {@link LoadedImageFiles}),
 * the fields libxl sets, boot_xen_init, parse_image, mem_init, boot_mem_init, (HVM container: memory map), build_image,
 * boot_image, gnttab_init; then read where the rings went and release the image whatever happened.
 */
final class DomainImageBuild {
    private static final Logger LOG = LoggerFactory.getLogger(DomainImageBuild.class);

    /** LIBXL_VGA_HOLE_SIZE: libxl leaves these pages at 0xa0000 unpopulated when QEMU emulates the VGA. */
    private static final long VGA_HOLE_PAGES = 0x20;

    private final LibXenGuest xg;
    private final XcHandle handle;
    private final MemoryMapWriter memoryMap;
    private final LoadedImageFiles files;
    /** Native memory the image points at (kernel, ramdisk, firmware, e820); it must live until xc_dom_release. */
    private final List<Memory> keepAlive = new ArrayList<>();

    DomainImageBuild(LibXenGuest xg, XcHandle handle, MemoryMapWriter memoryMap, LoadedImageFiles files) {
        this.xg = xg;
        this.files = files;
        this.handle = handle;
        this.memoryMap = memoryMap;
    }

    /** Sets a domain's memory map (xc_domain_set_memory_map) and returns the packed e820 array it passed. */
    interface MemoryMapWriter {
        Memory write(int domid, List<E820Entry> map);
    }

    BuiltImage build(ImageSpec spec) {
        int domid = spec.domid();
        ErrorFunnel funnel = handle.funnel;
        XcDomImage dom = funnel.callForHandle("xc_dom_allocate(domain " + domid + ", cmdline \"" + spec.cmdline() + "\")",
                () -> xg.xc_dom_allocate(handle.xch, spec.cmdline(), null));
        try {
            dom.setContainerType(spec.container().code());
            LoadedImageFiles.Blob kernel = load(spec.kernel(), "kernel", domid);
            funnel.call("xc_dom_kernel_mem(domain " + domid + ", " + spec.kernel() + ")",
                    () -> xg.xc_dom_kernel_mem(dom, kernel.memory(), kernel.size()));
            if (spec.ramdisk().isPresent()) {
                LoadedImageFiles.Blob ramdisk = load(spec.ramdisk().get(), "ramdisk", domid);
                funnel.call("xc_dom_module_mem(domain " + domid + ", " + spec.ramdisk().get() + ")",
                        () -> xg.xc_dom_module_mem(dom, ramdisk.memory(), ramdisk.size(), null));
            }
            dom.setXenstoreEvtchn(spec.storeEvtchn());
            dom.setConsoleEvtchn(spec.consoleEvtchn());
            dom.setXenstoreDomid(spec.storeDomid());
            dom.setConsoleDomid(spec.consoleDomid());
            dom.setMaxVcpus(spec.maxVcpus());
            spec.hvm().ifPresent(layout -> hvmFields(dom, layout));
            step("xc_dom_boot_xen_init", domid, () -> xg.xc_dom_boot_xen_init(dom, handle.xch, domid));
            step("xc_dom_parse_image", domid, () -> xg.xc_dom_parse_image(dom));
            int memMib = Math.toIntExact(spec.memoryMib());
            funnel.call("xc_dom_mem_init(domain " + domid + ", " + memMib + " MiB)", () -> xg.xc_dom_mem_init(dom, memMib));
            step("xc_dom_boot_mem_init", domid, () -> xg.xc_dom_boot_mem_init(dom));
            Optional<List<E820Entry>> e820 = spec.hvm().map(HvmLayout::e820).filter(map -> !map.isEmpty());
            e820.ifPresent(map -> {
                Memory packed = memoryMap.write(domid, map);
                keepAlive.add(packed);
                dom.setE820(packed, map.size());
            });
            step("xc_dom_build_image", domid, () -> xg.xc_dom_build_image(dom));
            step("xc_dom_boot_image", domid, () -> xg.xc_dom_boot_image(dom));
            step("xc_dom_gnttab_init", domid, () -> xg.xc_dom_gnttab_init(dom));
            BuiltImage image = result(dom);
            LOG.debug("built domain {}: {}", domid, image);
            return image;
        } finally {
            xg.xc_dom_release(dom);
            Reference.reachabilityFence(keepAlive);
        }
    }

    /** The file's bytes from the cache, kept alive until xc_dom_release; an unreadable file fails naming it. */
    private LoadedImageFiles.Blob load(Path file, String what, int domid) {
        try {
            LoadedImageFiles.Blob blob = files.get(file);
            keepAlive.add(blob.memory());
            return blob;
        } catch (IOException e) {
            String reason = e instanceof NoSuchFileException ? "no such file"
                    : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
            throw new XenException("read the " + what + " " + file + " for domain " + domid, 0, reason);
        }
    }

    private void step(String name, int domid, IntSupplier call) {
        handle.funnel.call(name + "(domain " + domid + ")", call);
    }

    private void hvmFields(XcDomImage dom, HvmLayout layout) {
        dom.setTargetPages(layout.targetPages());
        dom.setMmio(layout.mmioStart(), layout.mmioSize());
        dom.setMemoryEnds(layout.lowmemEnd(), layout.highmemEnd());
        dom.setDeviceModel(layout.deviceModel());
        dom.setVgaHoleSize(layout.deviceModel() ? VGA_HOLE_PAGES : 0);
        layout.systemFirmware().ifPresent(module -> firmware(dom, XcDomImage.SYSTEM_FIRMWARE_MODULE, module));
        for (int i = 0; i < layout.acpiModules().size(); i++) {
            firmware(dom, XcDomImage.ACPI_MODULES + i * XcDomImage.FIRMWARE_MODULE_SIZE, layout.acpiModules().get(i));
        }
    }

    private void firmware(XcDomImage dom, int offset, FirmwareModule module) {
        byte[] data = module.data();
        Memory copy = new Memory(Math.max(1, data.length));
        copy.write(0, data, 0, data.length);
        keepAlive.add(copy);
        dom.setFirmwareModule(offset, copy, data.length, module.guestAddress());
    }

    /** Where the rings are: in an HVM container pfn is the frame number; for PV the p2m gives the machine frame. */
    private BuiltImage result(XcDomImage dom) {
        long storePfn = dom.xenstorePfn();
        long consolePfn = dom.consolePfn();
        boolean translated = xg.xc_dom_translated(dom) != 0;
        long storeMfn = translated ? storePfn : dom.pvP2m(storePfn);
        long consoleMfn = translated ? consolePfn : dom.pvP2m(consolePfn);
        return new BuiltImage(dom.guestType(), storePfn, storeMfn, consolePfn, consoleMfn);
    }
}

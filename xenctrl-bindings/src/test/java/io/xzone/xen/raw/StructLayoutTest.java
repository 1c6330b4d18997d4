package io.xzone.xen.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JNA structures and the xc_dom_image offsets against gcc's layout of Xen 4.17's headers (libxen-dev): each
 * field is written through JNA with a distinct value and read back at the offset gcc reports.
 */
class StructLayoutTest {
    private static final Map<String, Long> C = new HashMap<>();

    @BeforeAll
    static void compileAndRunTheLayoutProgram() throws IOException, InterruptedException {
        Path work = Files.createDirectories(Path.of("target", "xen-layout"));
        Path binary = work.resolve("xen-layout");
        run(new ProcessBuilder("gcc", "-D__XEN_TOOLS__", "-o", binary.toString(), "src/test/c/xen-layout.c"));
        for (String line : run(new ProcessBuilder(binary.toString())).split("\n")) {
            String[] parts = line.split(" ");
            C.put(parts[0], Long.parseLong(parts[1]));
        }
    }

    @Test
    void createDomainMatchesGcc() {
        XenDomctlCreateDomain s = new XenDomctlCreateDomain();
        assertEquals(C.get("createdomain"), (long) s.size());
        assertEquals(C.get("createdomain"), (long) XenDomctlCreateDomain.SIZE);
        s.ssidref = 1;
        s.handle[0] = 2;
        s.flags = 3;
        s.iommu_opts = 4;
        s.max_vcpus = 5;
        s.max_evtchn_port = 6;
        s.max_grant_frames = 7;
        s.max_maptrack_frames = 8;
        s.grant_opts = 9;
        s.vmtrace_size = 10;
        s.cpupool_id = 11;
        s.emulation_flags = 12;
        s.misc_flags = 13;
        Pointer p = written(s);
        String[] fields = {"ssidref", "handle", "flags", "iommu_opts", "max_vcpus", "max_evtchn_port", "max_grant_frames",
            "max_maptrack_frames", "grant_opts", "vmtrace_size", "cpupool_id", "emulation_flags", "misc_flags"};
        for (int i = 0; i < fields.length; i++) {
            long at = C.get("createdomain." + fields[i]);
            assertEquals(i + 1, fields[i].equals("handle") ? p.getByte(at) : p.getInt(at), fields[i]);
        }
    }

    @Test
    void physinfoMatchesGcc() {
        XenSysctlPhysinfo s = new XenSysctlPhysinfo();
        assertEquals(C.get("physinfo"), (long) s.size());
        s.nr_cpus = 1;
        s.cpu_khz = 2;
        s.capabilities = 3;
        s.total_pages = 4;
        s.free_pages = 5;
        s.max_mfn = 6;
        s.hw_cap[0] = 7;
        Pointer p = written(s);
        assertEquals(1, p.getInt(C.get("physinfo.nr_cpus")));
        assertEquals(2, p.getInt(C.get("physinfo.cpu_khz")));
        assertEquals(3, p.getInt(C.get("physinfo.capabilities")));
        assertEquals(4, p.getLong(C.get("physinfo.total_pages")));
        assertEquals(5, p.getLong(C.get("physinfo.free_pages")));
        assertEquals(6, p.getLong(C.get("physinfo.max_mfn")));
        assertEquals(7, p.getInt(C.get("physinfo.hw_cap")));
    }

    @Test
    void domainInfoMatchesGcc() {
        XcDomainInfo s = new XcDomainInfo();
        assertEquals(C.get("domaininfo"), (long) s.size());
        s.domain = 1;
        s.flags = 2;
        s.tot_pages = 3;
        s.max_pages = 4;
        s.cpu_time = 5;
        s.nr_online_vcpus = 6;
        s.max_vcpu_id = 7;
        s.handle[0] = 8;
        s.cpupool = 9;
        s.emulation_flags = 10;
        Pointer p = written(s);
        assertEquals(1, p.getShort(C.get("domaininfo.domain")));
        assertEquals(2, p.getInt(C.get("domaininfo.flags")));
        assertEquals(3, p.getLong(C.get("domaininfo.tot_pages")));
        assertEquals(4, p.getLong(C.get("domaininfo.max_pages")));
        assertEquals(5, p.getLong(C.get("domaininfo.cpu_time")));
        assertEquals(6, p.getInt(C.get("domaininfo.nr_online_vcpus")));
        assertEquals(7, p.getInt(C.get("domaininfo.max_vcpu_id")));
        assertEquals(8, p.getByte(C.get("domaininfo.handle")));
        assertEquals(9, p.getInt(C.get("domaininfo.cpupool")));
        assertEquals(10, p.getInt(C.get("domaininfo.emulation_flags")));
    }

    @Test
    void e820EntryIsPacked() {
        E820EntryStruct s = new E820EntryStruct();
        assertEquals(C.get("e820entry"), (long) s.size());
        s.addr = 1;
        s.size = 2;
        s.type = 3;
        Pointer p = written(s);
        assertEquals(1, p.getLong(C.get("e820entry.addr")));
        assertEquals(2, p.getLong(C.get("e820entry.size")));
        assertEquals(3, p.getInt(C.get("e820entry.type")));
    }

    @Test
    void domImageOffsetsMatchGcc() {
        assertEquals(C.get("dom"), (long) XcDomImage.SIZE);
        assertEquals(C.get("firmware_module"), (long) XcDomImage.FIRMWARE_MODULE_SIZE);
        Map<String, Integer> ours = Map.ofEntries(Map.entry("kernel_size", XcDomImage.KERNEL_SIZE),
                Map.entry("max_kernel_size", XcDomImage.MAX_KERNEL_SIZE), Map.entry("cmdline", XcDomImage.CMDLINE),
                Map.entry("guest_type", XcDomImage.GUEST_TYPE), Map.entry("console_pfn", XcDomImage.CONSOLE_PFN),
                Map.entry("xenstore_pfn", XcDomImage.XENSTORE_PFN), Map.entry("pv_p2m", XcDomImage.PV_P2M),
                Map.entry("total_pages", XcDomImage.TOTAL_PAGES), Map.entry("flags", XcDomImage.FLAGS),
                Map.entry("console_evtchn", XcDomImage.CONSOLE_EVTCHN),
                Map.entry("xenstore_evtchn", XcDomImage.XENSTORE_EVTCHN),
                Map.entry("console_domid", XcDomImage.CONSOLE_DOMID),
                Map.entry("xenstore_domid", XcDomImage.XENSTORE_DOMID), Map.entry("xch", XcDomImage.XCH),
                Map.entry("claim_enabled", XcDomImage.CLAIM_ENABLED), Map.entry("xen_caps", XcDomImage.XEN_CAPS),
                Map.entry("container_type", XcDomImage.CONTAINER_TYPE),
                Map.entry("target_pages", XcDomImage.TARGET_PAGES), Map.entry("mmio_start", XcDomImage.MMIO_START),
                Map.entry("mmio_size", XcDomImage.MMIO_SIZE), Map.entry("lowmem_end", XcDomImage.LOWMEM_END),
                Map.entry("highmem_end", XcDomImage.HIGHMEM_END), Map.entry("device_model", XcDomImage.DEVICE_MODEL),
                Map.entry("vga_hole_size", XcDomImage.VGA_HOLE_SIZE),
                Map.entry("system_firmware_module", XcDomImage.SYSTEM_FIRMWARE_MODULE),
                Map.entry("acpi_modules", XcDomImage.ACPI_MODULES), Map.entry("e820", XcDomImage.E820),
                Map.entry("e820_entries", XcDomImage.E820_ENTRIES), Map.entry("max_vcpus", XcDomImage.MAX_VCPUS));
        ours.forEach((field, offset) -> assertEquals(C.get("dom." + field), (long) offset, field));
    }

    @Test
    void domImageAccessorsWriteWhereGccSays() {
        Memory memory = new Memory(XcDomImage.SIZE);
        memory.clear();
        XcDomImage dom = new XcDomImage();
        dom.setPointer(memory);
        dom.setXenstoreEvtchn(5);
        dom.setConsoleEvtchn(6);
        dom.setContainerType(1);
        dom.setDeviceModel(true);
        dom.setMaxVcpus(3);
        dom.setXenCaps("xen-3.0-x86_64");
        assertEquals(5, memory.getInt(C.get("dom.xenstore_evtchn")));
        assertEquals(6, memory.getInt(C.get("dom.console_evtchn")));
        assertEquals(1, memory.getInt(C.get("dom.container_type")));
        assertEquals(1, memory.getByte(C.get("dom.device_model")));
        assertEquals(3, memory.getInt(C.get("dom.max_vcpus")));
        assertEquals("xen-3.0-x86_64", memory.getString(C.get("dom.xen_caps"), "US-ASCII"));
    }

    private static Pointer written(Structure s) {
        s.write();
        return s.getPointer();
    }

    private static String run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process p = builder.redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", builder.command()) + " failed: " + output);
        }
        return output;
    }
}

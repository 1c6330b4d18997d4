package io.xzone.cli.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.boot.backend.GuestType;
import io.xzone.cli.ExitCode;
import io.xzone.cli.XenAccess;
import io.xzone.cli.Xzone;
import io.xzone.xen.FakeHypervisor;
import io.xzone.xen.HostCapability;
import io.xzone.xen.Hypervisor;
import io.xzone.xen.XenUnavailableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostInfoCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(FakeHypervisor fake, Optional<GuestType> dom0, String... args) {
        return run(access(() -> fake, dom0), args);
    }

    private int run(XenAccess access, String... args) {
        return Xzone.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), access).execute(args);
    }

    private static XenAccess access(java.util.function.Supplier<Hypervisor> open, Optional<GuestType> dom0) {
        return new XenAccess() {
            @Override
            public Hypervisor openHypervisor() {
                return open.get();
            }

            @Override
            public Optional<GuestType> dom0GuestType() {
                return dom0;
            }
        };
    }

    @Test
    void pvDom0OnAFullHostResolvesAutoToPv() {
        FakeHypervisor fake = FakeHypervisor.fullHost();
        assertEquals(0, run(fake, Optional.of(GuestType.PV), "host", "info"));
        String text = out.toString();
        assertTrue(text.contains("Xen version    4.17.7\n"), text);
        assertTrue(text.contains("capabilities   pv, hvm, hap, gnttab_v1, gnttab_v2\n"), text);
        assertTrue(text.contains("CPUs           2 at 2000 MHz\n"), text);
        assertTrue(text.contains("memory         4096 MiB total, 4096 MiB free\n"), text);
        assertTrue(text.contains("dom0           PV\n"), text);
        assertTrue(text.contains("-V auto        pv (auto follows dom0, which booted as PV)\n"), text);
        assertTrue(text.contains("-V pvh         available (hardware-assisted paging)\n"), text);
        assertTrue(fake.isClosed(), "the hypervisor handle is closed after use");
        assertEquals("", err.toString());
    }

    @Test
    void aHostWithoutHardwareVirtualizationExplainsWhyPvhAndHvmAreUnavailable() {
        assertEquals(0, run(FakeHypervisor.pvOnlyHost(), Optional.of(GuestType.PV), "host", "info"));
        String text = out.toString();
        assertTrue(text.contains("capabilities   pv, gnttab_v1, gnttab_v2\n"), text);
        assertTrue(text.contains("-V auto        pv (auto follows dom0, which booted as PV)\n"), text);
        assertTrue(text.contains("-V pvh         unavailable: pvh needs hardware virtualization (VT-x/AMD-V) but this "
                + "host offers: pv; use -V auto or -V pv\n"), text);
        assertTrue(text.contains("-V hvm         unavailable: hvm needs hardware virtualization (VT-x/AMD-V) but this "
                + "host offers: pv; use -V auto or -V pv\n"), text);
    }

    @Test
    void pvhDom0ResolvesAutoToPvh() {
        assertEquals(0, run(FakeHypervisor.fullHost(), Optional.of(GuestType.PVH), "host", "info"));
        assertTrue(out.toString().contains("-V auto        pvh (auto follows dom0, which booted as PVH)\n"), out.toString());
    }

    @Test
    void jsonIsForScripts() {
        FakeHypervisor fake = FakeHypervisor.withCapabilities(HostCapability.PV, HostCapability.HVM);
        assertEquals(0, run(fake, Optional.empty(), "host", "info", "--output", "json"));
        String json = out.toString();
        assertTrue(json.startsWith("{\n  \"xen_version\": \"4.17.7\",\n  \"capabilities\": [\"pv\", \"hvm\"],\n"), json);
        assertTrue(json.contains("\"dom0_guest_type\": null,"), json);
        assertTrue(json.contains(String.join("\n",
                "    \"auto\": {",
                "      \"available\": true,",
                "      \"resolves_to\": \"pv\",",
                "      \"hap\": false,",
                "      \"reason\": \"auto picks pv: dom0's guest type is unknown\"",
                "    },")), json);
        assertTrue(json.contains(String.join("\n",
                "    \"pvh\": {",
                "      \"available\": false,",
                "      \"resolves_to\": null,",
                "      \"hap\": null,",
                "      \"reason\": \"pvh needs hardware-assisted paging (HAP) or shadow paging but this host offers: "
                        + "pv, hvm; use -V auto or -V pv\"",
                "    },")), json);
    }

    @Test
    void offXenIsOneLineAndExitCodeThree() {
        XenAccess offXen = access(() -> {
            throw new XenUnavailableException("Xen is not reachable: /dev/xen/privcmd does not exist (xzone must run "
                    + "in a Xen dom0)");
        }, Optional.empty());
        assertEquals(ExitCode.NO_XEN, run(offXen, "host", "info"));
        assertEquals("xzone: Xen is not reachable: /dev/xen/privcmd does not exist (xzone must run in a Xen dom0)\n",
                err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void aFailedXenCallIsOneLineAndExitCodeOne() {
        FakeHypervisor fake = FakeHypervisor.fullHost().failOn("physinfo", 13);
        assertEquals(ExitCode.FAILED, run(fake, Optional.of(GuestType.PV), "host", "info"));
        assertEquals("xzone: xc_physinfo() failed: EACCES (permission denied); injected by FakeHypervisor\n",
                err.toString());
        assertTrue(fake.isClosed());
    }

    @Test
    void badOutputFormatIsBadInput() {
        assertEquals(ExitCode.BAD_INPUT, run(FakeHypervisor.fullHost(), Optional.empty(), "host", "info", "--output",
                "yaml"));
        assertTrue(err.toString().startsWith("xzone: Invalid value for option '--output'"), err.toString());
    }
}

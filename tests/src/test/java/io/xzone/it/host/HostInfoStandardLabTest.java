package io.xzone.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.Lab;
import io.xzone.it.lab.XenLab;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code xzone host info} in the standard lab: PV dom0 on a host offering pv, hvm and hap. */
@XenLab
class HostInfoStandardLabTest {

    @Test
    void reportsWhatXlInfoReportsAndAutoResolvesToPv(Lab lab) {
        HostInfoInDom0 info = HostInfoInDom0.read(lab);
        assertEquals(info.xlBackendCaps(), info.xzoneBackendCaps(), info.json());
        assertEquals(Set.of("hap", "hvm", "pv"), info.xzoneBackendCaps());
        assertTrue(info.json().contains("\"dom0_guest_type\": \"pv\""), info.json());
        assertEquals("pv", info.backend("auto", "resolves_to"));
        assertEquals("true", info.backend("pvh", "available"));
        assertTrue(info.text().contains("-V auto        pv (auto follows dom0, which booted as PV)"), info.text());
    }

    @Test
    void physinfoThroughJnaMatchesXlInfo(Lab lab) {
        HostInfoInDom0 info = HostInfoInDom0.read(lab);
        assertEquals(Long.parseLong(info.xl("nr_cpus")), info.number("nr_cpus"));
        assertEquals(Long.parseLong(info.xl("total_memory")), info.number("total_memory_mib"));
        assertEquals(Long.parseLong(info.xl("cpu_mhz").replaceAll("\\..*", "")), info.number("cpu_mhz"));
        assertTrue(info.xl("xen_version").startsWith(info.json().replaceAll("(?s).*\"xen_version\": \"([^\"]*)\".*", "$1")),
                info.xl("xen_version") + " vs " + info.json());
    }
}

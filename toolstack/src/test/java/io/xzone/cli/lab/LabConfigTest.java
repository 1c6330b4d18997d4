package io.xzone.cli.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.ExitCode;
import org.junit.jupiter.api.Test;

class LabConfigTest {
    @Test
    void presetsNameTheirCpuAndDom0() {
        assertEquals("max,-smap,-rdtscp,-pku", LabConfig.standard().cpu());
        assertEquals("max,-smap,-rdtscp,-pku,-svm", LabConfig.noHardwareVirtualization().cpu());
        assertEquals(Dom0Mode.PVH, LabConfig.pvhDom0().dom0());
        assertEquals("pv-max-smap-rdtscp-pku-svm", LabConfig.noHardwareVirtualization().slug());
    }

    @Test
    void cpuThatKeepsSmapIsRefusedWithTheReason() {
        LabException e = assertThrows(LabException.class, () -> new LabConfig("max", Dom0Mode.PV));
        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
        assertEquals("--cpu 'max' keeps SMAP, which crashes Xen's dom0 under TCG; add ',-smap'", e.getMessage());
        assertThrows(LabException.class, () -> new LabConfig("EPYC-v2,-rdtscp", Dom0Mode.PV));
    }

    @Test
    void pvhDom0NeedsPkuOffButPvDom0DoesNot() {
        LabException e = assertThrows(LabException.class, () -> new LabConfig("max,-smap,-rdtscp", Dom0Mode.PVH));
        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
        assertEquals("--cpu 'max,-smap,-rdtscp' keeps PKU, which kills a PVH dom0's init under TCG; add ',-pku'",
                e.getMessage());
        assertEquals(Dom0Mode.PV, new LabConfig("max,-smap,-rdtscp", Dom0Mode.PV).dom0());
    }

    @Test
    void modelsWithoutSmapNeedNoFlag() {
        assertEquals("qemu64", new LabConfig("qemu64", Dom0Mode.PV).cpu());
    }

    @Test
    void malformedCpuIsBadInput() {
        for (String cpu : new String[] {"", "max -smap", "max,,-smap", "max;reboot", null}) {
            LabException e = assertThrows(LabException.class, () -> new LabConfig(cpu, Dom0Mode.PV), String.valueOf(cpu));
            assertEquals(ExitCode.BAD_INPUT, e.exitCode());
            assertTrue(e.getMessage().startsWith("--cpu '"), e.getMessage());
        }
    }

    @Test
    void missingDom0ModeIsBadInput() {
        assertEquals(ExitCode.BAD_INPUT,
                assertThrows(LabException.class, () -> new LabConfig(LabConfig.DEFAULT_CPU, null)).exitCode());
    }
}

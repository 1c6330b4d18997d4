package io.xzone.it.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.Lab;
import io.xzone.cli.lab.ScriptResult;
import io.xzone.it.lab.LabProfile;
import io.xzone.it.lab.XenLab;
import org.junit.jupiter.api.Test;

/**
 * The lab on a CPU without SVM (a host without hardware virtualization): pvh and hvm are refused with exit code 4 and
 * one sentence, nothing is created, and auto still boots PV.
 */
@XenLab(LabProfile.NO_HVM)
class ZoneNoHvmLabTest {

    @Test
    void pvhAndHvmAreRefusedWithTheSentenceAndAutoBootsPv(Lab lab) {
        String before = lab.runOk("xl list | wc -l").output().strip();
        for (String backend : new String[] {"pvh", "hvm"}) {
            ScriptResult refused = lab.run(ZoneScripts.XZONE + " zone launch --no-supervise "
                    + ZoneScripts.launchFlags("z-" + backend, backend, "shell"));
            assertEquals(4, refused.exitStatus(), refused.output());
            assertTrue(refused.output().contains("xzone: " + backend
                    + " needs hardware virtualization (VT-x/AMD-V) but this host offers: pv; use -V auto or -V pv"),
                    refused.output());
        }
        assertEquals(before, lab.runOk("xl list | wc -l").output().strip(), "xl list changed");
        lab.runOk(ZoneScripts.XZONE + " zone launch --no-supervise " + ZoneScripts.launchFlags("z-auto", "auto", "shell"));
        assertEquals("PV", ZoneScripts.marker(lab, "z-auto"));
        lab.runOk("xl destroy z-auto");
    }
}

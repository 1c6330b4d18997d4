package io.xzone.it.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.Lab;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lab's acceptance checks on the standard machine: Xen's capabilities, Java in dom0, a tiny PV guest. */
@XenLab
class LabAcceptanceTest {

    @Test
    void xenOffersPvHvmAndHap(Lab lab) {
        List<String> caps = TinyGuest.virtCaps(lab);
        assertTrue(caps.containsAll(List.of("pv", "hvm", "hap")), "virt_caps: " + caps);
    }

    @Test
    void dom0RunsTheXzoneJarWithTheSharedJvm(Lab lab) {
        String output = lab.runOk("java -jar /xzone/toolstack/target/xzone.jar --version").output();
        assertTrue(output.matches("xzone \\d+\\.\\d+\\.\\d+\\S* \\(Java 17.*\\)\\R"), output);
    }

    @Test
    void tinyPvGuestPrintsItsMarker(Lab lab) {
        assertEquals("PV", TinyGuest.bootAndReadGuestType(lab, "acceptance-pv", "pv"));
    }

    @Test
    void failingScriptReportsItsStatusAndOutput(Lab lab) {
        var result = lab.run("echo to-stdout; echo to-stderr >&2; exit 3");
        assertEquals(3, result.exitStatus());
        assertEquals(Arrays.asList("to-stdout", "to-stderr"), result.output().lines().toList());
    }
}

package io.xzone.it.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.Lab;
import java.nio.file.Files;
import java.time.Duration;
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
    void tinyPvhGuestPrintsItsMarker(Lab lab) {
        assertEquals("PVH", TinyGuest.bootAndReadGuestType(lab, "acceptance-pvh", "pvh"));
    }

    @Test
    void dom0WritesFilesTheHostReads(Lab lab) throws Exception {
        lab.runOk("xl list > domains.txt");
        assertTrue(Files.readString(lab.hostShare().resolve("domains.txt")).contains("Domain-0"));
    }

    @Test
    void scriptPastItsTimeoutIsKilled(Lab lab) {
        var result = lab.run("echo started; sleep 600", Duration.ofSeconds(3));
        assertTrue(result.timedOut());
        assertEquals(137, result.exitStatus());
        assertEquals("", lab.run("ps | grep '[s]leep 600'").output(), "the killed script's sleep still runs");
    }

    @Test
    void failingScriptReportsItsStatusAndOutput(Lab lab) {
        var result = lab.run("echo to-stdout; echo to-stderr >&2; exit 3");
        assertEquals(3, result.exitStatus());
        assertEquals(Arrays.asList("to-stdout", "to-stderr"), result.output().lines().toList());
    }
}

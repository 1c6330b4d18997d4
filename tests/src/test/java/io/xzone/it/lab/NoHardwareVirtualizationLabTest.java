package io.xzone.it.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.cli.lab.Lab;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SVM-less machine imitates a host without VT-x/AMD-V: Xen offers PV only. */
@XenLab(LabProfile.NO_HVM)
class NoHardwareVirtualizationLabTest {

    @Test
    void xenOffersPvButNoHvm(Lab lab) {
        List<String> caps = TinyGuest.virtCaps(lab);
        assertTrue(caps.contains("pv"), "virt_caps: " + caps);
        assertFalse(caps.contains("hvm"), "virt_caps: " + caps);
    }

    @Test
    void xlRefusesAPvhGuest(Lab lab) {
        var result = lab.run("cat > /tmp/refused.cfg <<'EOF'\n" + TinyGuest.config("refused", "pvh") + "EOF\n"
                + "xl create /tmp/refused.cfg");
        assertNotEquals(0, result.exitStatus(), result.output());
        lab.run("xl destroy refused 2>/dev/null; true");
    }
}

package io.xzone.cli.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlakeRetryTest {
    /** A kernel segfault report in the format dom0 prints it on the serial console. */
    private static final String SEGFAULT =
            "[  112.345678] sh[1234]: segfault at 0 ip 00000000004a1b2c sp 00007ffd3e0c1a28 error 4 in busybox[401000+c5000]";

    private final List<String> serial = new ArrayList<>();
    private final List<String> phases = new ArrayList<>();
    private final FlakeRetry.SerialWindow window = new FlakeRetry.SerialWindow() {
        @Override
        public int mark() {
            return serial.size();
        }

        @Override
        public List<String> since(int mark) {
            return serial.subList(mark, serial.size());
        }
    };

    private static ScriptResult result(int status) {
        return new ScriptResult("xl create g.cfg", status, "", Duration.ofSeconds(1), false, null);
    }

    @Test
    void detectorFindsSegfaultsAndGeneralProtectionTrapsOnly() {
        assertEquals(Optional.of(SEGFAULT.strip()), FlakeDetector.find(List.of("(XEN) d1v0 booting", SEGFAULT)));
        assertTrue(FlakeDetector.find(List.of("[ 9.1] traps: xl[77] general protection fault ip:7f sp:7ffe error:0"))
                .isPresent());
        assertEquals(Optional.empty(), FlakeDetector.find(List.of(
                "segfault handling test passed", "(XEN) d1v0 Unhandled page fault", "xl: error: segfault at 0")));
    }

    @Test
    void failureWithSegfaultInItsWindowRunsOnceMoreAndNamesTheFlake() throws Exception {
        serial.add(SEGFAULT); // before the mark: not this script's
        int[] attempts = {0};
        ScriptResult result = FlakeRetry.run(() -> {
            attempts[0]++;
            if (attempts[0] == 1) {
                serial.add(SEGFAULT);
                return result(1);
            }
            return result(0);
        }, window, recorder());
        assertEquals(2, attempts[0]);
        assertTrue(result.ok());
        assertEquals(SEGFAULT.strip(), result.flake());
        assertTrue(phases.get(0).startsWith("lab: known TCG flake"), phases.toString());
    }

    @Test
    void retryHappensOnlyOnce() throws Exception {
        int[] attempts = {0};
        ScriptResult result = FlakeRetry.run(() -> {
            attempts[0]++;
            serial.add(SEGFAULT);
            return result(1);
        }, window, recorder());
        assertEquals(2, attempts[0]);
        assertEquals(1, result.exitStatus());
    }

    @Test
    void failureWithoutTheFlakeIsNotRetried() throws Exception {
        serial.add(SEGFAULT);
        int[] attempts = {0};
        ScriptResult result = FlakeRetry.run(() -> {
            attempts[0]++;
            return result(1);
        }, window, recorder());
        assertEquals(1, attempts[0]);
        assertEquals(1, result.exitStatus());
        assertNull(result.flake());
        assertTrue(phases.isEmpty());
    }

    @Test
    void successDespiteACrashIsKeptAndMentioned() throws Exception {
        ScriptResult result = FlakeRetry.run(() -> {
            serial.add(SEGFAULT);
            return result(0);
        }, window, recorder());
        assertTrue(result.ok());
        assertTrue(phases.get(0).contains("still succeeded"), phases.toString());
    }

    private LabListener recorder() {
        return phases::add;
    }
}

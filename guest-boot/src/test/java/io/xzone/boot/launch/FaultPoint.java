package io.xzone.boot.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One place a launch can fail: the {@code occurrence}-th call named {@code call} made during {@code step} of a
 * launch with backend {@code backend}; the call fails without acting, or ({@code acted}) acts and then reports a
 * failure, as when the reply is lost. Found by recording a clean launch through a {@link LaunchTap}.
 */
public record FaultPoint(String backend, BuildStep step, String call, int occurrence, boolean acted) {
    /** The backends a fault test launches with: each has its own boot strategy. */
    public static final List<String> BACKENDS = List.of("pv", "pvh", "hvm");

    /** Asserts the launch reported this fault as one line naming its zone and its step, and undid what it had built. */
    public void assertReportedBy(LaunchException e, String zone) {
        String message = this + ": " + e.getMessage();
        assertEquals(step, e.step(), message);
        assertTrue(e.getMessage().startsWith("launch of " + zone + " failed at step " + step.label() + ": "), message);
        assertTrue(e.getMessage().contains(LaunchTap.INJECTED), "the reason is not the injected fault: " + message);
        assertEquals(1, e.getMessage().lines().count(), message);
        assertTrue(e.getMessage().contains("; the half-built domain was destroyed")
                || e.getMessage().endsWith("; nothing was created"), "the launch did not undo everything: " + message);
    }

    /** Fails unless every build step has a fault point for some backend: a step nothing can fail in is untested. */
    public static void assertEveryStepCovered(Collection<FaultPoint> points) {
        Set<BuildStep> missing = EnumSet.allOf(BuildStep.class);
        points.forEach(p -> missing.remove(p.step()));
        assertEquals(Set.of(), missing, "build steps without a fault point; of " + Arrays.toString(BuildStep.values()));
    }

    @Override
    public String toString() {
        return backend + ": " + call + " #" + occurrence + (acted ? " acts, then fails" : " fails") + " -> step " + step.label();
    }
}

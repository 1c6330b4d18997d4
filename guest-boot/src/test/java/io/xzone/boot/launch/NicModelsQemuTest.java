package io.xzone.boot.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.xzone.boot.spec.NetworkSpec;
import io.xzone.boot.spec.Origin;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NIC models a spec may name ({@link NetworkSpec#MODELS}) against the installed QEMU for Xen: the list is exactly
 * what it offers as NIC models (with their aliases), and each model starts as the device model's -device argument
 * asks for it (its option ROM found, its netdev and mac taken). Xen's xenfv machine needs a running Xen, so the models
 * are instantiated on the same i440FX PC machine without an accelerator (qtest), the NIC on an internal hub instead of
 * a tap. Skipped where QEMU for Xen is not installed.
 */
@Tag("qemu")
class NicModelsQemuTest {
    private static final Pattern DEVICE_ALIAS = Pattern.compile("name \"([^\"]+)\",.* alias \"([^\"]+)\"");

    @BeforeAll
    static void qemuForXenIsInstalled() {
        assumeTrue(Files.isExecutable(QemuDeviceModel.QEMU), QemuDeviceModel.QEMU + " is not installed (Debian: qemu-system-xen)");
    }

    @Test
    void theListIsExactlyTheNicModelsQemuOffersWithTheirAliases() throws Exception {
        List<String> offered = run(List.of("-nic", "hubport,hubid=0,model=help"), "").lines()
                .dropWhile(line -> !line.startsWith("Supported NIC models")).skip(1).map(String::strip).toList();
        assertTrue(offered.contains(NetworkSpec.DEFAULT_MODEL), "QEMU lists no " + NetworkSpec.DEFAULT_MODEL + ": " + offered);
        TreeSet<String> expected = new TreeSet<>(offered);
        for (String line : run(List.of("-device", "help"), "").lines().toList()) {
            Matcher alias = DEVICE_ALIAS.matcher(line);
            if (alias.find() && offered.contains(alias.group(1))) {
                expected.add(alias.group(2));
            }
        }
        assertEquals(expected, new TreeSet<>(NetworkSpec.MODELS));
    }

    static List<String> models() {
        return NetworkSpec.MODELS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void eachModelStartsAsTheDeviceModelAsksForIt(String model) throws Exception {
        List<String> nic = QemuDeviceModel.nicArgs(List.of(new NetworkSpec("xenbr0", "00:16:3e:00:00:01", model, Origin.DEFAULT)), 1);
        List<String> args = new ArrayList<>(List.of("-machine", "pc", "-nodefaults", "-S", "-qmp", "stdio",
                "-netdev", "hubport,id=net0,hubid=0"));
        args.addAll(nic.subList(0, 2));
        String output = run(args, "{\"execute\":\"qmp_capabilities\"}\n{\"execute\":\"quit\"}\n");
        assertTrue(output.contains("host-qmp-quit"), "QEMU did not start with " + nic.subList(0, 2) + ": " + output);
    }

    /** Runs QEMU for Xen without an accelerator or display, feeds it {@code input}, returns its output and errors. */
    private static String run(List<String> args, String input) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(QemuDeviceModel.QEMU.toString(), "-accel", "qtest", "-display", "none"));
        command.addAll(args);
        Process qemu = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = qemu.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(qemu.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!qemu.waitFor(30, TimeUnit.SECONDS)) {
            qemu.destroyForcibly();
            throw new AssertionError("QEMU did not end within 30 s: " + command);
        }
        assertEquals(0, qemu.exitValue(), command + ": " + output);
        return output;
    }
}

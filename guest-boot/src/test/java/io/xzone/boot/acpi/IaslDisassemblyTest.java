package io.xzone.boot.acpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tables read back by an independent decoder that knows the ACPI spec: ACPICA's disassembler (iasl -d, package
 * acpica-tools), which also checks lengths and checksums.
 */
class IaslDisassemblyTest {
    private static final Path IASL = Path.of("/usr/bin/iasl");

    @TempDir
    Path dir;

    @Test
    void iaslDecodesOneProcessorDevicePerVcpuAndTheDisabledOnesAreNotPresent() throws Exception {
        String asl = disassemble("dsdt", Dsdt.build(2, 3));
        assertTrue(asl.contains("Scope (\\_SB)"), asl);
        for (int cpu = 0; cpu < 3; cpu++) {
            String device = asl.substring(asl.indexOf("Device (C00" + cpu + ")"));
            String body = device.substring(0, device.indexOf('}'));
            assertTrue(body.contains("Name (_HID, \"ACPI0007\""), body);
            assertTrue(body.contains(String.format("Name (_UID, 0x%02X)", cpu)), body);
            assertEquals(cpu >= 2, body.contains("Name (_STA, Zero)"), body);
        }
    }

    @Test
    void aDsdtForAllPossibleVcpusNeedsMultiBytePackageLengthsAndStillDecodes() throws Exception {
        String asl = disassemble("dsdt", Dsdt.build(1, 128));
        assertTrue(asl.contains("Device (C07F)"), asl.substring(Math.max(0, asl.length() - 2000)));
        assertEquals(128, asl.split("ACPI0007", -1).length - 1);
    }

    @Test
    void iaslReadsTheMadtAsTwoEnabledAndOneDisabledLocalApic() throws Exception {
        String asl = disassemble("apic", Madt.build(0xfee00000L, 2, 3));
        assertTrue(asl.contains("Local Apic Address : FEE00000"), asl);
        assertEquals(3, count(asl, "[Processor Local APIC]"), asl);
        assertEquals(2, count(asl, "Processor Enabled : 1"), asl);
        assertEquals(1, count(asl, "Processor Enabled : 0"), asl);
        assertTrue(asl.contains("Processor ID : 02") && asl.contains("Local Apic ID : 04"), asl);
    }

    @Test
    void iaslReadsTheFadtAsHardwareReducedWithItsDsdt() throws Exception {
        String asl = disassemble("facp", Fadt.build(0xfc000000L));
        assertTrue(asl.contains("Revision : 05"), asl);
        assertTrue(asl.contains("Hardware Reduced (V5) : 1"), asl);
        assertTrue(asl.contains("DSDT Address : FC000000") && asl.contains("DSDT Address : 00000000FC000000"), asl);
    }

    @Test
    void iaslReadsTheXsdt() throws Exception {
        // (iasl -d takes only tables with the common header, so not the RSDP: PvhAcpiTablesTest reads that one.)
        String xsdt = disassemble("xsdt", RootTables.xsdt(List.of(0xfc000100L, 0xfc000200L)));
        assertTrue(xsdt.contains("ACPI Table Address   1 : 00000000FC000200"), xsdt);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private String disassemble(String name, byte[] table) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(IASL), "needs " + IASL + ": install acpica-tools (bin/setup-host does)");
        Path aml = dir.resolve(name + ".dat");
        Files.write(aml, table);
        Process iasl = new ProcessBuilder(IASL.toString(), "-d", aml.toString()).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String log = new String(iasl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(iasl.waitFor(60, TimeUnit.SECONDS), "iasl did not finish");
        assertEquals(0, iasl.exitValue(), log);
        String asl = Files.readString(dir.resolve(name + ".dsl"));
        // iasl notes a bad checksum or length in the listing (e.g. "Incorrect checksum, should be 4C").
        assertTrue(!log.contains("rror") && !asl.contains("Error") && !asl.contains("Incorrect") && !asl.contains("Invalid"),
                log + asl);
        return asl;
    }
}

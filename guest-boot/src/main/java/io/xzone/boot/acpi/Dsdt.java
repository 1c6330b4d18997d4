package io.xzone.boot.acpi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The Differentiated System Description Table ("DSDT"): AML that declares one processor device (_HID "ACPI0007") per
 * MADT entry under \_SB, its _UID the entry's processor UID, the disabled ones with _STA 0. libacpi's PVH DSDT adds
 * CPU-hotplug methods driven by an I/O port map and a GPE, which a hardware-reduced guest has neither of; these
 * devices are static.
 */
final class Dsdt {
    static final String SIGNATURE = "DSDT";
    /** Revision 2 and above: AML integers are 64 bits. */
    static final int REVISION = 2;
    private static final int NAME_OP = 0x08;
    private static final int SCOPE_OP = 0x10;
    private static final int EXT_OP_PREFIX = 0x5b;
    private static final int DEVICE_OP = 0x82;
    private static final int BYTE_PREFIX = 0x0a;
    private static final int STRING_PREFIX = 0x0d;
    private static final int ZERO_OP = 0x00;
    private static final int ROOT_CHAR = '\\';
    static final String PROCESSOR_HID = "ACPI0007";

    private Dsdt() {
    }

    static byte[] build(int vcpus, int maxVcpus) {
        ByteArrayOutputStream devices = new ByteArrayOutputStream();
        for (int cpu = 0; cpu < maxVcpus; cpu++) {
            devices.writeBytes(processor(cpu, cpu < vcpus));
        }
        ByteArrayOutputStream scope = new ByteArrayOutputStream();
        scope.write(ROOT_CHAR);
        scope.writeBytes(nameSeg("_SB_"));
        scope.writeBytes(devices.toByteArray());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(SCOPE_OP);
        body.writeBytes(withPackageLength(scope.toByteArray()));
        return AcpiTable.of(SIGNATURE, REVISION, body.toByteArray());
    }

    /** The AML name of vCPU n's device: C000, C001, ... C07F. */
    static String deviceName(int cpu) {
        return String.format("C%03X", cpu);
    }

    private static byte[] processor(int cpu, boolean enabled) {
        ByteArrayOutputStream device = new ByteArrayOutputStream();
        device.writeBytes(nameSeg(deviceName(cpu)));
        device.writeBytes(name("_HID", string(PROCESSOR_HID)));
        device.writeBytes(name("_UID", new byte[] {BYTE_PREFIX, (byte) cpu}));
        if (!enabled) {
            device.writeBytes(name("_STA", new byte[] {ZERO_OP}));
        }
        ByteArrayOutputStream op = new ByteArrayOutputStream();
        op.write(EXT_OP_PREFIX);
        op.write(DEVICE_OP);
        op.writeBytes(withPackageLength(device.toByteArray()));
        return op.toByteArray();
    }

    private static byte[] name(String seg, byte[] value) {
        ByteArrayOutputStream op = new ByteArrayOutputStream();
        op.write(NAME_OP);
        op.writeBytes(nameSeg(seg));
        op.writeBytes(value);
        return op.toByteArray();
    }

    private static byte[] string(String text) {
        ByteArrayOutputStream op = new ByteArrayOutputStream();
        op.write(STRING_PREFIX);
        op.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        op.write(0);
        return op.toByteArray();
    }

    private static byte[] nameSeg(String seg) {
        if (seg.length() != 4) {
            throw new IllegalArgumentException("an AML name segment has 4 characters: " + seg);
        }
        return seg.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * {@code contents} preceded by its PkgLength (ACPI 6.5, 20.2.4), which counts its own 1-4 bytes too: one byte up
     * to 63, else a lead byte holding the count of following bytes (bits 7-6) and the low 4 bits of the length,
     * followed by the rest of the length 8 bits at a time.
     */
    static byte[] withPackageLength(byte[] contents) {
        int extra = 0;
        while (extra < 3 && contents.length + 1 + extra >= (extra == 0 ? 1 << 6 : 1 << (4 + 8 * extra))) {
            extra++;
        }
        int length = contents.length + 1 + extra;
        if (extra == 3 && length >= 1 << 28) {
            throw new IllegalArgumentException("an AML package of " + contents.length + " bytes is too long");
        }
        byte[] out = new byte[length];
        if (extra == 0) {
            out[0] = (byte) length;
        } else {
            out[0] = (byte) ((extra << 6) | (length & 0x0f));
            for (int i = 1; i <= extra; i++) {
                out[i] = (byte) (length >> (4 + 8 * (i - 1)));
            }
        }
        System.arraycopy(contents, 0, out, 1 + extra, contents.length);
        return out;
    }
}

package io.xzone.boot.acpi;

import java.nio.ByteBuffer;

/**
 * The Multiple APIC Description Table (signature "APIC", ACPI 6.5, 5.2.12): the local APIC address and one Processor
 * Local APIC entry per possible vCPU, the first {@code vcpus} enabled and the rest up to {@code maxVcpus} disabled, as
 * libacpi lists them. A guest brings up only the CPUs listed here, so without it a PVH guest runs on one vCPU.
 */
final class Madt {
    static final String SIGNATURE = "APIC";
    /** libacpi's MADT revision; below 5, Linux counts disabled entries as hot-pluggable CPUs rather than ignoring them. */
    static final int REVISION = 2;
    static final int LOCAL_APIC = 0;
    static final int LOCAL_APIC_LENGTH = 8;
    static final int ENABLED = 1;
    /** Largest vCPU count: the processor UID and APIC id of an entry are single bytes, and APIC ids are 2 * vCPU. */
    static final int MAX_VCPUS = 128;

    private Madt() {
    }

    static byte[] build(long localApicAddress, int vcpus, int maxVcpus) {
        if (vcpus < 1 || vcpus > maxVcpus || maxVcpus > MAX_VCPUS) {
            throw new IllegalArgumentException("MADT for " + vcpus + " of " + maxVcpus + " vCPUs: need 1 <= vcpus <= maxvcpus <= "
                    + MAX_VCPUS);
        }
        ByteBuffer body = AcpiTable.littleEndian(8 + LOCAL_APIC_LENGTH * maxVcpus);
        body.putInt(AcpiTable.below4g(localApicAddress));
        // Flags 0, not libacpi's PCAT_COMPAT: a PVH guest has no 8259 PICs.
        body.putInt(0);
        for (int cpu = 0; cpu < maxVcpus; cpu++) {
            body.put((byte) LOCAL_APIC);
            body.put((byte) LOCAL_APIC_LENGTH);
            body.put((byte) cpu);
            body.put((byte) apicId(cpu));
            body.putInt(cpu < vcpus ? ENABLED : 0);
        }
        return AcpiTable.of(SIGNATURE, REVISION, body.array());
    }

    /** Xen gives vCPU n the local APIC id 2n (its vlapic numbering, which libxl's tables follow). */
    static int apicId(int cpu) {
        return cpu * 2;
    }
}

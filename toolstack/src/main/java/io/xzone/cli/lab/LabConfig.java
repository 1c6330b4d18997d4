package io.xzone.cli.lab;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What kind of machine the lab emulates: the QEMU CPU model (it decides which virt_caps Xen offers) and how dom0 boots.
 * One booted lab per distinct configuration.
 *
 * @param cpu QEMU {@code -cpu} value, e.g. {@code max,-smap,-rdtscp}
 * @param dom0 PV or PVH dom0
 */
public record LabConfig(String cpu, Dom0Mode dom0) {
    /**
     * The CPU model that gives Xen pv, hvm and hap under TCG. SMAP off: a PV dom0 crashes at once with it. RDTSCP off:
     * PVH/HVM guests hang on it. PKU off: a PVH dom0's init dies on its first signal ("Bad FPU state detected at
     * restore_fpregs_from_fpstate", then an invalid opcode).
     */
    public static final String DEFAULT_CPU = "max,-smap,-rdtscp,-pku";
    /** The same CPU without SVM: Xen then has no HVM at all, like a host without VT-x/AMD-V. */
    public static final String NO_HVM_CPU = DEFAULT_CPU + ",-svm";

    private static final Pattern CPU_SYNTAX = Pattern.compile("[A-Za-z0-9_.-]+(,[+-]?[A-Za-z0-9_.-]+(=[A-Za-z0-9_.-]+)?)*");
    /** Models that have SMAP and PKU unless told otherwise. */
    private static final List<String> MODELS_WITH_SMAP = List.of("max", "host", "epyc");

    public LabConfig {
        if (cpu == null || !CPU_SYNTAX.matcher(cpu).matches()) {
            throw LabException.badInput("--cpu '" + cpu + "' is not a QEMU CPU model like " + DEFAULT_CPU);
        }
        if (dom0 == null) {
            throw LabException.badInput("--dom0 must be pv or pvh");
        }
        List<String> flags = List.of(cpu.split(","));
        String model = flags.get(0).toLowerCase(Locale.ROOT);
        if (MODELS_WITH_SMAP.stream().anyMatch(model::startsWith)) {
            if (!flags.contains("-smap")) {
                throw LabException.badInput("--cpu '" + cpu + "' keeps SMAP, which crashes Xen's dom0 under TCG; add ',-smap'");
            }
            if (dom0 == Dom0Mode.PVH && !flags.contains("-pku")) {
                throw LabException.badInput("--cpu '" + cpu + "' keeps PKU, which kills a PVH dom0's init under TCG; "
                        + "add ',-pku'");
            }
        }
    }

    /** PV dom0, Xen with pv, hvm and hap: the configuration most tests use. */
    public static LabConfig standard() {
        return new LabConfig(DEFAULT_CPU, Dom0Mode.PV);
    }

    /** PV dom0 on a CPU without SVM: Xen reports no hvm, as on a host without hardware virtualization. */
    public static LabConfig noHardwareVirtualization() {
        return new LabConfig(NO_HVM_CPU, Dom0Mode.PV);
    }

    /** PVH dom0 (q35 machine with an AMD IOMMU). */
    public static LabConfig pvhDom0() {
        return new LabConfig(DEFAULT_CPU, Dom0Mode.PVH);
    }

    /** A short name for folders and messages, e.g. {@code pv-max-smap-rdtscp}. */
    public String slug() {
        return dom0.name().toLowerCase(Locale.ROOT) + "-" + cpu.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "");
    }

    @Override
    public String toString() {
        return "dom0 " + dom0.name().toLowerCase(Locale.ROOT) + ", cpu " + cpu;
    }
}

package io.xzone.it.lab;

import io.xzone.cli.lab.LabConfig;
import java.util.function.Supplier;

/** The lab configurations a test class can ask for; each one is booted at most once per test run. */
public enum LabProfile {
    /** PV dom0, Xen offers pv, hvm and hap. */
    STANDARD(LabConfig::standard),
    /** PV dom0 on a CPU without SVM: Xen has no hvm, like a host without VT-x/AMD-V. */
    NO_HVM(LabConfig::noHardwareVirtualization),
    /** PVH dom0 on q35 with an AMD IOMMU. */
    PVH_DOM0(LabConfig::pvhDom0);

    private final Supplier<LabConfig> config;

    LabProfile(Supplier<LabConfig> config) {
        this.config = config;
    }

    public LabConfig config() {
        return config.get();
    }
}

package io.xzone.boot.backend;

import java.util.Locale;

/** The virtualization backend an operator asks for with {@code -V}: auto follows dom0. */
public enum VirtBackend {
    AUTO,
    PV,
    PVH,
    HVM;

    /** The spelling on the command line and in specs: auto, pv, pvh, hvm. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return cliName();
    }
}

package io.xzone.boot.spec;

import java.util.Locale;

/** The virtualization backend a zone asks for; {@code AUTO} follows dom0 (PVH dom0 gives PVH, PV dom0 gives PV). */
public enum VirtBackend {
    AUTO, PV, PVH, HVM;

    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

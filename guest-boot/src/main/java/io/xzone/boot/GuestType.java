package io.xzone.boot;

import java.util.Locale;

/** What a zone actually runs as, once the requested backend is resolved against the host. */
public enum GuestType {
    PV, PVH, HVM;

    /** libxl's name for the type, as written to /libxl/N/type and shown by {@code xl list -l}. */
    public String libxlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** PVH and HVM guests live in an HVM container (CDF_hvm); only PV does not. */
    public boolean hvmContainer() {
        return this != PV;
    }
}

package io.xzone.xen;

import java.util.EnumSet;
import java.util.Set;

/** The XEN_DOMINF_* bits of {@code xc_domaininfo_t.flags}. */
public enum DomainFlag {
    DYING(0x1),
    HVM_GUEST(0x2),
    SHUTDOWN(0x4),
    PAUSED(0x8),
    BLOCKED(0x10),
    RUNNING(0x20),
    DEBUGGED(0x40),
    XS_DOMAIN(0x80),
    HAP(0x100);

    private final int bit;

    DomainFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    public static Set<DomainFlag> fromMask(int mask) {
        EnumSet<DomainFlag> set = EnumSet.noneOf(DomainFlag.class);
        for (DomainFlag f : values()) {
            if ((mask & f.bit) != 0) {
                set.add(f);
            }
        }
        return set;
    }

    public static int toMask(Set<DomainFlag> flags) {
        int mask = 0;
        for (DomainFlag f : flags) {
            mask |= f.bit;
        }
        return mask;
    }
}

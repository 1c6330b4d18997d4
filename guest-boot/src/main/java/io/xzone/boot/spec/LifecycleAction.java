package io.xzone.boot.spec;

/** What the supervisor does when the guest powers off, reboots or crashes (xl.cfg's on_poweroff/on_reboot/on_crash). */
public enum LifecycleAction {
    /** Destroy the domain: it disappears. */
    DESTROY,
    /** Destroy it and launch the zone again from its spec, under a new domid. */
    RESTART,
    /** Leave the dead domain in place for inspection (xl's "preserve"). */
    PRESERVE;

    public String specName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

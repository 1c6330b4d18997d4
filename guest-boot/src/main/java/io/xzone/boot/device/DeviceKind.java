package io.xzone.boot.device;

import java.util.Locale;

/**
 * The paravirtual device kinds xzone attaches, served by dom0's kernel backends (blkback, netback), with the actions
 * their hotplug scripts take, as libxl 4.17 passes them (block: add/remove; vif-bridge: online/offline).
 */
public enum DeviceKind {
    VBD("add", "remove"),
    VIF("online", "offline");

    private final String attachAction;
    private final String detachAction;

    DeviceKind(String attachAction, String detachAction) {
        this.attachAction = attachAction;
        this.detachAction = detachAction;
    }

    /** The name in xenstore paths: vbd, vif. */
    public String xsName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String attachAction() {
        return attachAction;
    }

    public String detachAction() {
        return detachAction;
    }
}

package io.xzone.boot.spec;

import java.util.Objects;

/**
 * One virtual network interface (vif) plugged into a dom0 bridge.
 *
 * @param bridge the dom0 bridge, e.g. xenbr0
 * @param mac    the guest's MAC address (xx:xx:xx:xx:xx:xx)
 * @param model  the NIC QEMU emulates for an HVM zone (a QEMU device name: rtl8139, e1000, ...); PV and PVH zones
 *               ignore it, as libxl does
 * @param origin where the vif was written (its spec line), for messages about it; not part of its identity
 */
public record NetworkSpec(String bridge, String mac, String model, Origin origin) {
    /** libxl's default emulated NIC. */
    public static final String DEFAULT_MODEL = "rtl8139";

    @Override
    public boolean equals(Object other) {
        return other instanceof NetworkSpec n && bridge.equals(n.bridge) && mac.equals(n.mac) && model.equals(n.model);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bridge, mac, model);
    }
}

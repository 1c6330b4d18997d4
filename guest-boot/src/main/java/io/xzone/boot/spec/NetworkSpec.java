package io.xzone.boot.spec;

import java.util.Objects;

/**
 * One virtual network interface (vif) plugged into a dom0 bridge.
 *
 * @param bridge the dom0 bridge, e.g. xenbr0
 * @param mac    the guest's MAC address (xx:xx:xx:xx:xx:xx)
 * @param origin where the vif was written (its spec line), for messages about it; not part of its identity
 */
public record NetworkSpec(String bridge, String mac, Origin origin) {
    @Override
    public boolean equals(Object other) {
        return other instanceof NetworkSpec n && bridge.equals(n.bridge) && mac.equals(n.mac);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bridge, mac);
    }
}

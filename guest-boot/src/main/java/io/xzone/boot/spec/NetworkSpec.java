package io.xzone.boot.spec;

/**
 * One virtual network interface (vif) plugged into a dom0 bridge.
 *
 * @param bridge the dom0 bridge, e.g. xenbr0
 * @param mac    the guest's MAC address (xx:xx:xx:xx:xx:xx)
 */
public record NetworkSpec(String bridge, String mac) {
}

package io.xzone.boot.spec;

import java.util.List;
import java.util.Objects;

/**
 * One virtual network interface (vif) plugged into a dom0 bridge.
 *
 * @param bridge the dom0 bridge, e.g. xenbr0
 * @param mac    the guest's MAC address (xx:xx:xx:xx:xx:xx)
 * @param model  the NIC QEMU emulates for an HVM zone, one of {@link #MODELS}; PV and PVH zones ignore it, as libxl does
 * @param origin where the vif was written (its spec line), for messages about it; not part of its identity
 */
public record NetworkSpec(String bridge, String mac, String model, Origin origin) {
    /** libxl's default emulated NIC. */
    public static final String DEFAULT_MODEL = "rtl8139";

    /**
     * The NICs Debian 12's QEMU for Xen (/usr/libexec/xen-qemu-system-i386, QEMU 7.2) emulates for an HVM guest: the
     * models its {@code -nic model=help} lists (the PCI network devices; xenfv's i440FX has no bus for the ISA, USB and
     * virtio-mmio ones, and Xen's unplug protocol only takes PCI NICs away from a guest that has netfront) plus the two
     * aliases {@code -device help} gives them. libxl passes any name to QEMU, which then fails; xzone checks the spec
     * against this list instead, before creating anything. The qemu-tier test NicModelsQemuTest checks the list
     * against the installed QEMU and instantiates each model as the device model's {@code -device} argument does.
     */
    public static final List<String> MODELS = List.of(DEFAULT_MODEL, "e1000", "e1000-82540em", "e1000-82544gc",
            "e1000-82545em", "e1000e", "i82550", "i82551", "i82557a", "i82557b", "i82557c", "i82558a", "i82558b",
            "i82559a", "i82559b", "i82559c", "i82559er", "i82562", "i82801", "ne2k_pci", "pcnet", "tulip",
            "virtio-net-pci", "virtio-net", "virtio-net-pci-non-transitional", "virtio-net-pci-transitional", "vmxnet3");

    @Override
    public boolean equals(Object other) {
        return other instanceof NetworkSpec n && bridge.equals(n.bridge) && mac.equals(n.mac) && model.equals(n.model);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bridge, mac, model);
    }
}

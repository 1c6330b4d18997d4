package io.xzone.boot.launch;

import io.xzone.boot.backend.GuestType;
import io.xzone.boot.device.DeviceBackends;
import io.xzone.boot.layout.Rings;
import io.xzone.boot.layout.XsNode;
import io.xzone.boot.layout.ZoneLayout;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.xen.DomainConfig;
import io.xzone.xen.FirmwareModule;
import io.xzone.xen.HvmParam;
import io.xzone.xen.Hypervisor;
import io.xzone.xen.ImageContainer;
import io.xzone.xen.ImageSpec;
import io.xzone.xen.XenStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fully virtualized guest: hvmloader is loaded as the kernel, loads SeaBIOS and hands over to it; QEMU
 * (qemu-system-xen) emulates the disks, CD-ROM, serial port and NICs, and boots the spec's kernel directly when it has
 * one. Each vif is libxl's vif_ioemu nic: an emulated NIC on the tap vifD.N-emu plus netback's vifD.N for a guest with
 * Xen's netfront, both put on the bridge by vif-bridge once QEMU runs.
 */
public final class HvmBoot extends HvmContainerBoot {
    public static final Path HVMLOADER = Path.of("/usr/lib/xen-4.17/boot/hvmloader");
    public static final Path SEABIOS = Path.of("/usr/share/seabios/bios-256k.bin");

    private final DeviceModelLauncher deviceModels;

    public HvmBoot(Hypervisor xen, XenStore store, DeviceBackends backends, boolean hap, DeviceModelLauncher deviceModels) {
        super(xen, store, backends, hap);
        this.deviceModels = deviceModels;
    }

    @Override
    public GuestType type() {
        return GuestType.HVM;
    }

    @Override
    protected DomainConfig domainConfig(ZoneSpec spec) {
        return DomainConfig.hvm(spec.uuid(), spec.maxVcpus(), hap);
    }

    @Override
    protected void setHvmParams(int domid) {
        // hvm_set_conf_params with xl's defaults: HPET on, timer_mode no_delay_for_missed_ticks. (Nested HVM is a
        // create flag in 4.17: setting its param is refused with EINVAL.)
        xen.setHvmParam(domid, HvmParam.HPET_ENABLED, 1);
        xen.setHvmParam(domid, HvmParam.TIMER_MODE, 1);
    }

    @Override
    protected ImageSpec imageSpec(ZoneSpec spec, int domid, int storePort, int consolePort) {
        byte[] bios;
        try {
            bios = Files.readAllBytes(SEABIOS);
        } catch (IOException e) {
            throw new LaunchStepException("cannot read the SeaBIOS image " + SEABIOS + " (package seabios): " + e.getMessage());
        }
        return new ImageSpec(domid, ImageContainer.HVM, HVMLOADER, Optional.empty(), "", spec.maxmemMib(),
                spec.maxVcpus(), storePort, consolePort, DOM0, DOM0,
                Optional.of(HvmMemoryLayout.hvm(spec.memoryMib(), spec.maxmemMib(), new FirmwareModule(bios, 0))));
    }

    /** The PV console (hvc0, for a guest with Xen drivers) as for PV, plus what hvmloader and QEMU read. */
    @Override
    protected List<XsNode> consoleNodes(ZoneLayout layout, Rings rings) {
        List<XsNode> nodes = new ArrayList<>(layout.console(rings));
        nodes.addAll(layout.deviceModel());
        return nodes;
    }

    @Override
    protected DeviceModel startDeviceModel(ZoneSpec spec, ZoneLayout layout) {
        return deviceModels.start(spec, layout);
    }


    @Override
    public List<String> plan(ZoneSpec spec) {
        return List.of(
                "create: xc_domain_create, HVM (CDF hvm" + (hap ? " + hap" : "") + ", emulation flags 0x3ff), handle " + spec.uuid(),
                limitsPlan(spec, "HVM params hpet 1, timer_mode 1"),
                "event channels: xc_evtchn_alloc_unbound x2 (xenstore, console) for dom0",
                "image: xc_dom_* chain, HVM container, kernel " + HVMLOADER + " with SeaBIOS " + SEABIOS
                        + ", MMIO hole 0xf0000000-4G",
                "xenstore: one transaction: domain skeleton, memory/vcpus/store ring, /vm entries, console, hvmloader and device-model nodes",
                "introduce: xs_introduce_domain (store ring pfn, store port)",
                "device model: " + String.join(" ", deviceModels.commandLine(spec, LaunchPlan.PLANNED_DOMID))
                        .replace(Integer.toString(LaunchPlan.PLANNED_DOMID), "D")
                        + "; wait for device-model/D/state = running; publish serial/0/tty",
                devicesPlan(spec) + " (QEMU emulates the disks)",
                "unpause: xc_domain_unpause");
    }
}

package io.xzone.cli.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The qemu-system-x86_64 command line that boots Xen and dom0 under TCG: Xen as the multiboot kernel, dom0's kernel and
 * initramfs as modules, the 9p shares, the serial console on stdio. Pure composition, so it is unit tested.
 */
final class QemuCommand {
    static final String MEMORY = "4G";
    static final int CPUS = 2;

    /** A host folder dom0 mounts over virtio-9p by its tag. */
    record Share(String tag, Path hostPath, boolean readOnly) {
    }

    /** The files QEMU loads: the Xen ELF, dom0's ELF kernel and its initramfs. */
    record BootFiles(Path xen, Path dom0Kernel, Path dom0Initramfs) {
    }

    private QemuCommand() {
    }

    static List<String> compose(Path qemu, LabConfig config, BootFiles boot, List<Share> shares) {
        for (Path p : List.of(boot.xen(), boot.dom0Kernel(), boot.dom0Initramfs())) {
            if (p.toString().contains(",") || p.toString().contains(" ")) {
                throw LabException.badInput("lab image path '" + p + "' contains a comma or space, which QEMU's -initrd "
                        + "cannot take; move the cache with " + LabCache.CACHE_ENV);
            }
        }
        boolean pvh = config.dom0() == Dom0Mode.PVH;
        List<String> argv = new ArrayList<>(List.of(qemu.toString(),
                "-accel", "tcg,thread=multi",
                "-machine", pvh ? "q35" : "pc",
                "-cpu", config.cpu(),
                "-m", MEMORY,
                "-smp", Integer.toString(CPUS),
                "-nodefaults", "-display", "none", "-monitor", "none", "-serial", "stdio",
                // A Xen or dom0 crash reboots the machine; end QEMU instead of booting again.
                "-no-reboot"));
        if (pvh) {
            // Xen refuses a PVH dom0 without an IOMMU.
            argv.addAll(List.of("-device", "amd-iommu"));
        }
        argv.addAll(List.of(
                "-kernel", boot.xen().toString(),
                "-append", xenOptions(config),
                "-initrd", boot.dom0Kernel() + " " + dom0KernelOptions() + "," + boot.dom0Initramfs()));
        int id = 0;
        for (Share share : shares) {
            String fsdev = "fs" + id++;
            argv.addAll(List.of("-fsdev", "local,id=" + fsdev + ",path=" + share.hostPath().toString().replace(",", ",,")
                    + ",security_model=none" + (share.readOnly() ? ",readonly=on" : "")));
            // Behind the IOMMU of a PVH dom0, virtio must use it, or the 9p mount hangs.
            argv.addAll(List.of("-device", "virtio-9p-pci,fsdev=" + fsdev + ",mount_tag=" + share.tag()
                    + (pvh ? ",iommu_platform=on,disable-legacy=on" : "")));
        }
        return argv;
    }

    /**
     * Xen's command line. dom0 is pinned alone to CPU 0 (guests belong on CPU 1, {@code cpus="1"}): with dom0 and guests
     * sharing CPUs, dom0 processes segfault now and then under TCG while a guest boots. bootscrub=0 spares the host
     * from scrubbing 4 GB of emulated RAM.
     */
    static String xenOptions(LabConfig config) {
        String options = "console=com1 com1=115200,8n1 dom0_mem=1536M,max:1536M dom0_max_vcpus=1 dom0_vcpus_pin "
                + "bootscrub=0 loglvl=all guest_loglvl=all";
        return config.dom0() == Dom0Mode.PVH ? options + " dom0=pvh iommu=1" : options;
    }

    static String dom0KernelOptions() {
        return "console=hvc0 earlyprintk=xen";
    }
}

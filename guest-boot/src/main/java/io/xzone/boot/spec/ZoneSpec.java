package io.xzone.boot.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A validated zone: everything needed to launch it, in the units Xen is told (MiB of memory, vCPU counts). Built only by
 * {@link ZoneSpecBuilder#build}, so every instance has passed validation.
 *
 * @param kernel  PV/PVH: the ELF kernel; HVM: an optional kernel QEMU boots directly (else the disks boot)
 * @param ramdisk the initial ramdisk, if any
 */
public record ZoneSpec(
        String name,
        UUID uuid,
        long memoryMib,
        long maxmemMib,
        int vcpus,
        int maxVcpus,
        Optional<Path> kernel,
        Optional<Path> ramdisk,
        String cmdline,
        VirtBackend backend,
        CpuSet cpus,
        List<DiskSpec> disks,
        List<NetworkSpec> networks,
        LifecycleAction onPoweroff,
        LifecycleAction onReboot,
        LifecycleAction onCrash,
        HvmOptions hvm) {

    public ZoneSpec {
        disks = List.copyOf(disks);
        networks = List.copyOf(networks);
    }
}

package io.xzone.boot.launch;

import io.xzone.boot.kernel.TestKernels;
import io.xzone.boot.spec.Origin;
import io.xzone.boot.spec.SpecFiles;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.boot.spec.ZoneSpecBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** Zone specs for launch tests, with a tiny kernel that has real Xen ELF notes (PV and PVH-capable by default). */
public final class Zones {
    private Zones() {
    }

    public static ZoneSpec spec(Path dir, String name, String backend) {
        return builder(dir, name, backend).build(Set.of());
    }

    public static ZoneSpecBuilder builder(Path dir, String name, String backend) {
        Path initrd = new SpecFiles(dir).file("initrd.img", "initrd");
        ZoneSpecBuilder builder = new ZoneSpecBuilder().name(name, Origin.DEFAULT).backend(backend, Origin.DEFAULT)
                .memory(128, Origin.DEFAULT).vcpus(1, Origin.DEFAULT).cpus("1", Origin.DEFAULT)
                .cmdline("console=hvc0", Origin.DEFAULT).ramdisk(initrd, Origin.DEFAULT);
        if (!backend.equals("hvm")) {
            builder.kernel(kernel(false), Origin.DEFAULT);
        }
        return builder;
    }

    /**
     * A zone with a disk and a vif on xenbr0: the devices a launch attaches (paravirtual for pv/pvh; for hvm the disk
     * by QEMU, the vif by QEMU on a tap plus netback).
     */
    public static ZoneSpec withDevices(Path dir, String name, String backend) {
        Path image = new SpecFiles(dir).file("disk.img", "disk");
        ZoneSpecBuilder builder = builder(dir, name, backend)
                .disk(new ZoneSpecBuilder.RawDisk(image, "file", backend.equals("hvm") ? "hda" : "xvda", false, false), Origin.DEFAULT);
        return builder.network(new ZoneSpecBuilder.RawNetwork("xenbr0", "00:16:3e:01:02:03"), Origin.DEFAULT).build(Set.of());
    }

    /** The tiny ELF kernel: PV and PVH-capable, or PV only. */
    public static Path kernel(boolean pvOnly) {
        try {
            return (pvOnly ? TestKernels.pvOnlyElf() : TestKernels.pvAndPvhElf()).toAbsolutePath();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.xzone.cli.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The tiny test guest: Debian's kernel and a busybox initrd whose init prints {@code XZONE-MARKER guest_type=<PV|PVH|HVM|none>}
 * on every console it has (hvc0, ttyS0, /dev/console), reports its paravirtual disks and vifs ({@code XZONE-DISK},
 * {@code XZONE-NET}: it carries Debian's xen-blkfront and xen-netfront modules), then follows {@code xzone.then=shell|poweroff|reboot} on the
 * kernel command line (default shell). Built on the host, cached; usable without Xen (e.g. put into a test disk booted by
 * GRUB under plain QEMU, with {@code console=ttyS0}).
 *
 * @param vmlinux uncompressed ELF kernel, for PV and PVH guests ({@code kernel=} in xl.cfg)
 * @param bzImage the compressed kernel, for HVM direct boot or GRUB
 * @param initrd uncompressed cpio ({@code ramdisk=} in xl.cfg)
 */
public record GuestImages(Path vmlinux, Path bzImage, Path initrd) {
    static final String VMLINUX = "vmlinux";
    static final String BZIMAGE = "bzImage";
    static final String INITRD = "initrd.cpio";
    private static final String INIT_SCRIPT = "guest-init.sh";
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    /** The paravirtual disk and network frontends: modules of Debian's kernel (without dependencies), loaded by init. */
    static final List<String> FRONTEND_MODULES = List.of("drivers/block/xen-blkfront.ko", "drivers/net/xen-netfront.ko");

    /** Builds (or reuses) the images in the given cache, from the newest host kernel and busybox-static. */
    public static GuestImages build(LabCache cache) throws IOException {
        return build(cache, HostKernel.find(), HostPrerequisites.ofThisHost().check().get("busybox-static"));
    }

    static GuestImages build(LabCache cache, HostKernel kernel, String busyboxVersion) throws IOException {
        return inFolder(buildArtifact(cache, kernel, busyboxVersion).folder());
    }

    static LabCache.Artifact buildArtifact(LabCache cache, HostKernel kernel, String busyboxVersion) throws IOException {
        String fingerprint = LabCache.fingerprint(kernel.fingerprint(), busyboxVersion, LabResources.text(INIT_SCRIPT),
                FRONTEND_MODULES.toString(),
                LabResources.codeFingerprint(GuestImages.class, CpioArchive.class, HostKernel.class));
        return cache.artifact("guest", fingerprint, folder -> {
            kernel.extractVmlinux(folder.resolve(VMLINUX));
            Files.copy(kernel.bzImage(), folder.resolve(BZIMAGE), StandardCopyOption.COPY_ATTRIBUTES);
            writeInitrd(folder.resolve(INITRD), kernel);
        });
    }

    static GuestImages inFolder(Path folder) {
        return new GuestImages(folder.resolve(VMLINUX), folder.resolve(BZIMAGE), folder.resolve(INITRD));
    }

    private static void writeInitrd(Path target, HostKernel kernel) throws IOException {
        try (CpioArchive cpio = new CpioArchive(target)) {
            for (String dir : new String[] {"bin", "sbin", "usr/bin", "usr/sbin", "proc", "sys", "dev", "tmp", "root"}) {
                cpio.directory(dir);
            }
            // The kernel opens /dev/console before init runs, so the node must be in the archive.
            cpio.characterDevice("dev/console", 5, 1);
            cpio.file("bin/busybox", BUSYBOX.toRealPath(), 0755);
            cpio.symlink("bin/sh", "busybox");
            cpio.file("init", LabResources.bytes(INIT_SCRIPT), 0755);
            cpio.directory("lib/modules");
            for (String module : FRONTEND_MODULES) {
                Path file = kernel.modules().resolve("kernel").resolve(module);
                cpio.file("lib/modules/" + file.getFileName(), file, 0644);
            }
        }
    }
}

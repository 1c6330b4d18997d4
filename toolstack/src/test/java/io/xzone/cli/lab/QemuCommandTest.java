package io.xzone.cli.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class QemuCommandTest {
    private static final Path QEMU = Path.of("/usr/bin/qemu-system-x86_64");
    private static final QemuCommand.BootFiles BOOT = new QemuCommand.BootFiles(
            Path.of("/c/xen/xen.elf"), Path.of("/c/guest/vmlinux"), Path.of("/c/dom0/dom0.cpio"));
    private static final List<QemuCommand.Share> SHARES = List.of(
            new QemuCommand.Share("xzone", Path.of("/src/xzone"), true),
            new QemuCommand.Share("exchange", Path.of("/src/xzone/target/lab/x"), false));

    private static String valueAfter(List<String> argv, String flag) {
        return argv.get(argv.indexOf(flag) + 1);
    }

    @Test
    void pvDom0BootsXenWithDom0AsMultibootModulesOnThePcMachine() {
        List<String> argv = QemuCommand.compose(QEMU, LabConfig.standard(), BOOT, SHARES);
        assertEquals(QEMU.toString(), argv.get(0));
        assertEquals("tcg,thread=multi", valueAfter(argv, "-accel"));
        assertEquals("pc", valueAfter(argv, "-machine"));
        assertEquals("max,-smap,-rdtscp,-pku", valueAfter(argv, "-cpu"));
        assertEquals("/c/xen/xen.elf", valueAfter(argv, "-kernel"));
        assertEquals("/c/guest/vmlinux console=hvc0 earlyprintk=xen,/c/dom0/dom0.cpio", valueAfter(argv, "-initrd"));
        assertTrue(argv.contains("-no-reboot"));
        assertFalse(argv.contains("amd-iommu"));
    }

    @Test
    void xenPinsDom0ToCpuZeroAndSkipsTheBootScrub() {
        String options = QemuCommand.xenOptions(LabConfig.standard());
        assertTrue(options.contains("dom0_max_vcpus=1 dom0_vcpus_pin"), options);
        assertTrue(options.contains("bootscrub=0"), options);
        assertTrue(options.startsWith("console=com1 com1=115200,8n1 "), options);
        assertFalse(options.contains("dom0=pvh"), options);
    }

    @Test
    void sharesAreNinePeeDevicesReadOnlyWhereAsked() {
        List<String> argv = QemuCommand.compose(QEMU, LabConfig.standard(), BOOT, SHARES);
        assertTrue(argv.contains("local,id=fs0,path=/src/xzone,security_model=none,readonly=on"), argv.toString());
        assertTrue(argv.contains("virtio-9p-pci,fsdev=fs0,mount_tag=xzone"), argv.toString());
        assertTrue(argv.contains("local,id=fs1,path=/src/xzone/target/lab/x,security_model=none"), argv.toString());
        assertTrue(argv.contains("virtio-9p-pci,fsdev=fs1,mount_tag=exchange"), argv.toString());
    }

    @Test
    void pvhDom0GetsQ35AnIommuAndNinePeeThroughTheIommu() {
        List<String> argv = QemuCommand.compose(QEMU, LabConfig.pvhDom0(), BOOT, SHARES);
        assertEquals("q35", valueAfter(argv, "-machine"));
        assertEquals("amd-iommu", valueAfter(argv, "-device"));
        assertTrue(valueAfter(argv, "-append").endsWith(" dom0=pvh iommu=1"));
        assertTrue(argv.contains("virtio-9p-pci,fsdev=fs0,mount_tag=xzone,iommu_platform=on,disable-legacy=on"));
    }

    @Test
    void commasInSharePathsAreEscapedForQemu() {
        List<String> argv = QemuCommand.compose(QEMU, LabConfig.standard(), BOOT,
                List.of(new QemuCommand.Share("x", Path.of("/a,b"), true)));
        assertTrue(argv.contains("local,id=fs0,path=/a,,b,security_model=none,readonly=on"), argv.toString());
    }

    @Test
    void aCommaInAnImagePathIsRefusedBecauseInitrdCannotTakeIt() {
        QemuCommand.BootFiles boot = new QemuCommand.BootFiles(Path.of("/c/xen.elf"), Path.of("/c,d/vmlinux"),
                Path.of("/c/dom0.cpio"));
        LabException e = assertThrows(LabException.class,
                () -> QemuCommand.compose(QEMU, LabConfig.standard(), boot, SHARES));
        assertTrue(e.getMessage().contains("'/c,d/vmlinux'") && e.getMessage().contains(LabCache.CACHE_ENV),
                e.getMessage());
    }
}

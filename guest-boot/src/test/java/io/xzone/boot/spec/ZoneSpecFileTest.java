package io.xzone.boot.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneSpecFileTest {
    @TempDir
    Path dir;
    private SpecFiles files;

    @BeforeEach
    void kernels() {
        files = new SpecFiles(dir);
        files.elfKernel("vmlinux");
        files.file("initrd.img", "initrd");
    }

    private ZoneSpec parse(String toml) {
        return ZoneSpecFile.read(files.file("zone.toml", toml)).build(Set.of());
    }

    @Test
    void fullSpecReadsEveryField() {
        files.file("disk.img", "disk");
        ZoneSpec spec = parse("""
                name = "web"
                uuid = "0f8fad5b-d9cb-469f-a165-70867728950e"
                memory = 512
                maxmem = 1024
                vcpus = 2
                maxvcpus = 4
                kernel = "vmlinux"
                ramdisk = "initrd.img"
                cmdline = "console=hvc0"
                backend = "pvh"
                cpus = "1-2"
                on_poweroff = "destroy"
                on_reboot = "restart"
                on_crash = "preserve"
                [[disk]]
                path = "disk.img"
                target = "xvda"
                readonly = true
                [[network]]
                bridge = "xenbr0"
                mac = "00:16:3E:01:02:03"
                """);
        assertEquals("web", spec.name());
        assertEquals("0f8fad5b-d9cb-469f-a165-70867728950e", spec.uuid().toString());
        assertEquals(512, spec.memoryMib());
        assertEquals(1024, spec.maxmemMib());
        assertEquals(2, spec.vcpus());
        assertEquals(4, spec.maxVcpus());
        assertEquals(Optional.of(dir.resolve("vmlinux")), spec.kernel());
        assertEquals(Optional.of(dir.resolve("initrd.img")), spec.ramdisk());
        assertEquals("console=hvc0", spec.cmdline());
        assertEquals(VirtBackend.PVH, spec.backend());
        assertEquals(List.of(1, 2), spec.cpus().cpus());
        assertEquals(LifecycleAction.PRESERVE, spec.onCrash());
        assertEquals(new DiskSpec(dir.resolve("disk.img"), DiskSpec.Kind.FILE, "xvda", true, false, Origin.DEFAULT), spec.disks().get(0));
        assertEquals(new NetworkSpec("xenbr0", "00:16:3e:01:02:03", "rtl8139", Origin.DEFAULT), spec.networks().get(0));
    }

    @Test
    void defaultsFillWhatIsLeftOut() {
        ZoneSpec spec = parse("name = \"tiny\"\nkernel = \"vmlinux\"\n");
        assertEquals(VirtBackend.AUTO, spec.backend());
        assertEquals(256, spec.memoryMib());
        assertEquals(spec.memoryMib(), spec.maxmemMib());
        assertEquals(1, spec.vcpus());
        assertTrue(spec.cpus().isAny());
        assertEquals(LifecycleAction.DESTROY, spec.onPoweroff());
        assertEquals(LifecycleAction.RESTART, spec.onReboot());
        assertEquals(HvmOptions.defaults(), spec.hvm());
    }

    @Test
    void uuidIsGeneratedWhenAbsentAndDiffersPerZone() {
        ZoneSpec one = parse("name = \"a\"\nkernel = \"vmlinux\"\n");
        ZoneSpec two = parse("name = \"a\"\nkernel = \"vmlinux\"\n");
        assertTrue(!one.uuid().equals(two.uuid()));
    }

    @Test
    void errorsNameTheFileLineAndField() {
        SpecException e = assertThrows(SpecException.class, () -> parse("name = \"web\"\nkernel = \"vmlinux\"\n\nmemory = -5\n"));
        assertEquals(dir.resolve("zone.toml") + ":4: memory: -5 MiB; must be positive", e.getMessage());
    }

    @Test
    void diskErrorsPointAtTheirTable() {
        SpecException e = assertThrows(SpecException.class, () -> parse(
                "name = \"web\"\nkernel = \"vmlinux\"\n[[disk]]\npath = \"vmlinux\"\ntarget = \"floppy\"\n"));
        assertTrue(e.getMessage().startsWith(dir.resolve("zone.toml") + ":4: disk.target: 'floppy'"), e.getMessage());
    }

    @Test
    void hvmAcceptsABzImageAndNoKernelAtAll() {
        files.bzImage("bzImage");
        assertEquals(Optional.of(dir.resolve("bzImage")),
                parse("name = \"h\"\nbackend = \"hvm\"\nkernel = \"bzImage\"\n[hvm]\nboot = \"dc\"\nserial = true\n").kernel());
        assertEquals(Optional.empty(), parse("name = \"h\"\nbackend = \"hvm\"\n").kernel());
    }

    @Test
    void everyListedNicModelIsAcceptedAsWritten() {
        for (String model : NetworkSpec.MODELS) {
            ZoneSpec spec = parse("name = \"h\"\nbackend = \"hvm\"\n[[network]]\nbridge = \"xenbr0\"\nmodel = \"" + model + "\"\n");
            assertEquals(model, spec.networks().get(0).model());
        }
    }

    @Test
    void theNicModelListHasTheDefaultAndNoDuplicate() {
        assertTrue(NetworkSpec.MODELS.contains(NetworkSpec.DEFAULT_MODEL));
        assertEquals(NetworkSpec.MODELS.size(), Set.copyOf(NetworkSpec.MODELS).size());
    }

    @Test
    void flagsOverrideTheFile() {
        ZoneSpecBuilder builder = ZoneSpecFile.read(files.file("zone.toml", "name = \"web\"\nkernel = \"vmlinux\"\nmemory = 128\n"));
        builder.memory(512, new Origin.Flag("--memory"));
        assertEquals(512, builder.build(Set.of()).memoryMib());
    }

    @Test
    void cpuSetParsesRangesAndLists() {
        assertEquals(List.of(0, 1, 2, 3, 6), CpuSet.parse("0-3,6").cpus());
        assertEquals("1", CpuSet.parse("1").toString());
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("3-1"));
    }

    @Test
    void writtenSpecReadsBackAsTheSameZone() {
        files.file("disk.img", "disk");
        ZoneSpec spec = parse("""
                name = "web"
                memory = 256
                kernel = "vmlinux"
                ramdisk = "initrd.img"
                cmdline = "console=hvc0 quote=\\"x\\" back=\\\\"
                cpus = "1"
                on_crash = "preserve"
                [[disk]]
                path = "disk.img"
                target = "xvda"
                [[network]]
                bridge = "xenbr0"
                """);
        Path written = files.file("again.toml", ZoneSpecWriter.toToml(spec));
        assertEquals(spec, ZoneSpecFile.read(written).build(Set.of()));
    }
}

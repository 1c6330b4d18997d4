package io.xzone.convert.xl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class XlConfigReaderTest {
    @TempDir
    Path dir;

    private XlConfig read(String text) throws Exception {
        Path file = dir.resolve("guest.cfg");
        Files.writeString(file, text);
        return new XlConfigReader().read(file);
    }

    private String error(String text) {
        return assertThrows(XlConfigException.class, () -> read(text)).getMessage();
    }

    @Test
    void readsAPvGuestWithEveryDiskSyntax() throws Exception {
        XlConfig pv = read("""
                # web server
                name = "web01"
                memory = 1024 ; vcpus = 2
                bootloader = 'pygrub'
                kernel = "/boot/vmlinuz-3.2"
                ramdisk = "/boot/initrd-3.2"
                extra = "console=hvc0 xencons=tty"
                root = "/dev/xvda1 ro"
                disk = [ 'file:/srv/web01.img,xvda,w',   # the root disk
                         'phy:/dev/vg0/web01-data,xvdb1,r',
                         "format=raw, vdev=xvdc, access=rw, target=/srv/odd,name.img",
                         'tap:aio:/srv/web01-swap.img,xvdd,w',
                       ]
                vif = [ 'mac=00:16:3e:00:00:01,bridge=xenbr0', 'bridge=xenbr1' ]
                on_crash = "restart"
                """);
        assertEquals("web01", pv.name());
        assertEquals(1024, pv.memoryMib());
        assertEquals(2, pv.vcpus());
        assertEquals("pygrub", pv.bootloader().orElseThrow());
        assertEquals("/boot/vmlinuz-3.2", pv.kernel().orElseThrow());
        assertEquals("/boot/initrd-3.2", pv.ramdisk().orElseThrow());
        assertEquals("console=hvc0 xencons=tty", pv.extra().orElseThrow());
        assertEquals("/dev/xvda1 ro", pv.root().orElseThrow());
        assertEquals("pv", pv.guestType());
        List<DiskSpec> disks = pv.disks();
        assertEquals(4, disks.size());
        assertEquals(new DiskSpec("/srv/web01.img", "raw", "xvda", true, false, "file:/srv/web01.img,xvda,w"), disks.get(0));
        assertEquals("/dev/vg0/web01-data", disks.get(1).target());
        assertFalse(disks.get(1).writable());
        assertTrue(disks.get(1).isPartitionDevice());
        assertEquals("/srv/odd,name.img", disks.get(2).target());
        assertEquals("xvdc", disks.get(2).vdev());
        assertEquals("/srv/web01-swap.img", disks.get(3).target());
        assertEquals(List.of("mac=00:16:3e:00:00:01,bridge=xenbr0", "bridge=xenbr1"), pv.vifs());
    }

    @Test
    void aSingleDiskStringIsAccepted() throws Exception {
        XlConfig pv = read("name='a'\ndisk='/srv/a.img,raw,xvda,rw'\n");
        assertEquals("/srv/a.img", pv.disks().get(0).target());
        assertEquals("raw", pv.disks().get(0).format());
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("name = \"a\"\nmemory = 'lots'\n", ":2: 'memory' must be a whole number, not 'lots'"),
                Arguments.of("name = \"a\nmemory = 1\n", ":1: unterminated string"),
                Arguments.of("name \"a\"\n", ":1: expected '=' after 'name'"),
                Arguments.of("name = 'a'\nname = 'b'\n", ":2: 'name' is set twice (first on line 1)"),
                Arguments.of("name = 'a'\ndisk = [ 'file:/a.img,xvda,w',\n  'nbd:host:1234,xvdb,w' ]\n",
                        ":2: unknown disk syntax: target prefix 'nbd:'"),
                Arguments.of("name = 'a'\ndisk = [ 'foo=bar,vdev=xvda,target=/a' ]\n", ":2: unknown disk parameter 'foo'"),
                Arguments.of("name = 'a'\ndisk = [ '/a.img,xvda,maybe' ]\n", ":2: access must be r, ro, w or rw"),
                Arguments.of("name = 'a'\ndisk = [ '/a.img' ]\n", ":2: no virtual device (vdev)"),
                Arguments.of("name = 'a'\nvif = [ 'xenbr0' ]\n", ":2: vif item 'xenbr0' is not key=value"),
                Arguments.of("memory = 512\n", ": no 'name' setting"),
                Arguments.of("name = 'a'\ndisk = [ 'file:/a.img,xvda,w'\n", ":2: list not closed"),
                Arguments.of("name = 'a b'\n", ":1: guest name 'a b' may only hold"),
                Arguments.of("name = 'a'\nmemory = 12x\n", ":2: '12x' is not a number"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void errorsNameFileAndLine(String text, String expected) {
        String message = error(text);
        assertTrue(message.startsWith(dir.resolve("guest.cfg") + expected), message + "\n  expected " + expected);
    }

    @Test
    void aFolderIsNotAConfig() {
        String message = assertThrows(XlConfigException.class, () -> new XlConfigReader().read(dir)).getMessage();
        assertTrue(message.endsWith("is a directory, not an xl.cfg file"), message);
    }

    @Test
    void hvmConfigKeepsNetworksAndBootsTheCd() throws Exception {
        XlConfig pv = read("name = 'web'\nmemory = 256\nbootloader = 'pygrub'\nextra = 'console=hvc0'\n"
                + "disk = [ 'file:web.img,xvda,w' ]\nvif = [ 'bridge=xenbr0' ]\non_crash = 'preserve'\n");
        String hvm = new HvmConfigWriter().write(pv, Path.of("/cache/grub2-abc.iso"));
        Path out = dir.resolve("web.hvm.cfg");
        Files.writeString(out, hvm);
        XlConfig back = new XlConfigReader().read(out);
        assertEquals("hvm", back.guestType());
        assertEquals(256, back.memoryMib());
        assertEquals(2, back.disks().size());
        assertTrue(back.disks().get(1).cdrom());
        assertEquals("/cache/grub2-abc.iso", back.disks().get(1).target());
        assertEquals(List.of("bridge=xenbr0"), back.vifs());
        assertTrue(back.bootloader().isEmpty() && back.extra().isEmpty(), hvm);
        assertTrue(hvm.contains("boot = \"dc\"\nserial = \"pty\"\n"), hvm);
        assertTrue(hvm.contains("on_crash = \"preserve\""), hvm);
    }
}

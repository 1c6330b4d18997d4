package io.xzone.boot.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xzone.boot.spec.NetworkSpec;
import io.xzone.boot.spec.Origin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** QEMU's NIC arguments as libxl 4.17 builds them for vif_ioemu nics (libxl_dm.c), one pair per vif in devid order. */
class QemuNicArgsTest {
    @Test
    void eachVifIsItsModelWithItsMacOnATapNamedAfterNetbacksVif() {
        List<NetworkSpec> vifs = List.of(new NetworkSpec("xenbr0", "00:16:3e:00:00:01", "rtl8139", Origin.DEFAULT),
                new NetworkSpec("br-lan", "00:16:3e:00:00:02", "e1000", Origin.DEFAULT));
        assertEquals(List.of(
                "-device", "rtl8139,id=nic0,netdev=net0,mac=00:16:3e:00:00:01",
                "-netdev", "type=tap,id=net0,ifname=vif7.0-emu,br=xenbr0,script=no,downscript=no",
                "-device", "e1000,id=nic1,netdev=net1,mac=00:16:3e:00:00:02",
                "-netdev", "type=tap,id=net1,ifname=vif7.1-emu,br=br-lan,script=no,downscript=no"),
                QemuDeviceModel.nicArgs(vifs, 7));
    }

    @Test
    void withoutVifsQemuAddsNoDefaultNic() {
        assertEquals(List.of("-net", "none"), QemuDeviceModel.nicArgs(List.of(), 7));
    }
}

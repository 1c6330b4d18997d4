package io.xzone.boot.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Device numbers as libxl__device_disk_dev_number gives them (xl block-list shows the same "Vdev"). */
class VirtualDiskNumberTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"xvda, 51712", "xvdb, 51728", "xvdp, 51952", "xvdq, 268439552", "xvdaa, 268442112", "hda, 768", "hdb, 832",
            "hdc, 5632", "hdd, 5696", "sda, 2048", "sdb, 2064", "sdp, 2288", "hde, -1", "sdq, -1", "vda, -1"})
    void numbersDisksAsLibxl(String target, int devid) {
        assertEquals(devid < 0 ? OptionalInt.empty() : OptionalInt.of(devid), VirtualDiskNumber.of(target));
    }
}

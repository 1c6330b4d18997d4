package io.xzone.cli.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharedLibrariesTest {
    @Test
    void lddOutputOfSeveralFilesGivesEveryResolvedLibraryOnce() {
        String output = String.join("\n",
                "/usr/lib/xen-4.17/bin/xl:",
                "\tlinux-vdso.so.1 (0x00007ffc)",
                "\tlibxenlight.so.4.17 => /lib/x86_64-linux-gnu/libxenlight.so.4.17 (0x00007f7b6f47e000)",
                "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f7b6f28b000)",
                "\t/lib64/ld-linux-x86-64.so.2 (0x00007f7b6f5cb000)",
                "/usr/lib/jvm/x/lib/libawt_xawt.so:",
                "\tlibX11.so.6 => not found",
                "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0000000000)",
                "/usr/lib/xen-4.17/bin/xendomains:",
                "\tnot a dynamic executable");
        assertEquals(Set.of(Path.of("/lib/x86_64-linux-gnu/libxenlight.so.4.17"), Path.of("/lib/x86_64-linux-gnu/libc.so.6"),
                Path.of("/lib64/ld-linux-x86-64.so.2")), SharedLibraries.parse(output));
    }
}

package io.xzone.boot.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Recognises the kernel formats a zone can boot from their first bytes. */
final class KernelImage {
    enum Format { ELF, BZIMAGE, OTHER }

    private KernelImage() {
    }

    static Format formatOf(Path file) throws IOException {
        byte[] head = new byte[0x206];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        if (read >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            return Format.ELF;
        }
        // Linux's x86 boot protocol: the "HdrS" signature at offset 0x202 marks a bzImage.
        if (read >= 0x206 && head[0x202] == 'H' && head[0x203] == 'd' && head[0x204] == 'r' && head[0x205] == 'S') {
            return Format.BZIMAGE;
        }
        return Format.OTHER;
    }
}

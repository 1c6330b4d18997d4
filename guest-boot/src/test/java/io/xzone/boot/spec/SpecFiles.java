package io.xzone.boot.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes spec files and tiny stand-in kernels into a test's temporary folder. */
public final class SpecFiles {
    private final Path folder;

    public SpecFiles(Path folder) {
        this.folder = folder;
    }

    /** A file starting with the ELF magic: enough for the spec's format check (the builder parses real kernels). */
    public Path elfKernel(String name) {
        byte[] bytes = new byte[64];
        bytes[0] = 0x7f;
        bytes[1] = 'E';
        bytes[2] = 'L';
        bytes[3] = 'F';
        return write(name, bytes);
    }

    public Path bzImage(String name) {
        byte[] bytes = new byte[0x400];
        bytes[0x202] = 'H';
        bytes[0x203] = 'd';
        bytes[0x204] = 'r';
        bytes[0x205] = 'S';
        return write(name, bytes);
    }

    public Path file(String name, String text) {
        return write(name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] bytes) {
        try {
            return Files.write(folder.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

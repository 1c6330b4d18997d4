package io.xzone.cli.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** The shell scripts the lab puts into its images, kept as resources next to these classes. */
final class LabResources {
    private LabResources() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = LabResources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("lab resource " + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Identifies the compiled builder classes, so that a change to how an image is built (not only to what it is built
     * from) makes the cache rebuild it.
     */
    static String codeFingerprint(Class<?>... builders) {
        String[] parts = new String[builders.length];
        for (int i = 0; i < builders.length; i++) {
            parts[i] = HexFormat.of().formatHex(bytes(builders[i].getSimpleName() + ".class"));
        }
        return LabCache.fingerprint(parts);
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}

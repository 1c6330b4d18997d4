package io.xzone.cli.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

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

    static String text(String name) {
        return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
    }
}

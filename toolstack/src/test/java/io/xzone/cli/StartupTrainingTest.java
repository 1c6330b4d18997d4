package io.xzone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTrainingTest {
    @TempDir
    Path temp;

    @Test
    void classNamesAreTheJarsClassesWithoutDescriptorsVersionsOrResources() throws IOException {
        Path jar = temp.resolve("x.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String entry : List.of("a/B.class", "a/B$Inner.class", "module-info.class", "META-INF/versions/9/a/C.class",
                    "META-INF/MANIFEST.MF", "a/b.properties", "a/")) {
                out.putNextEntry(new JarEntry(entry));
                out.closeEntry();
            }
        }

        assertEquals(List.of("a.B", "a.B$Inner"), StartupTraining.classNames(jar));
    }
}

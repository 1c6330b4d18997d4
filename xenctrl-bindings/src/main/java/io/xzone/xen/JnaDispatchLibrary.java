package io.xzone.xen;

import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * JNA's own native library, libjnidispatch, which JNA otherwise unpacks from its jar into a fresh temporary file at
 * every start (loading the security providers to name that file). Copied once into a folder, it is loaded from there
 * when the JVM runs with {@code -Djna.boot.library.path=FOLDER -Djna.nounpack=true}.
 */
public final class JnaDispatchLibrary {
    private JnaDispatchLibrary() {
    }

    /** The library for this platform, as the file JNA looks for in {@code folder}; written atomically. */
    public static Path copyInto(Path folder) throws IOException {
        String file = System.mapLibraryName("jnidispatch");
        String resource = "/com/sun/jna/" + Platform.RESOURCE_PREFIX + "/" + file;
        try (InputStream in = JnaDispatchLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("JNA has no " + resource + " for this platform");
            }
            Path target = folder.resolve(file);
            Path partial = Files.createTempFile(folder, file, ".partial");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return target;
        }
    }
}

package io.xzone.xen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadedImageFilesTest {
    @TempDir
    Path temp;

    private static byte[] bytes(LoadedImageFiles.Blob blob) {
        return blob.memory().getByteArray(0, (int) blob.size());
    }

    @Test
    void aFileIsReadOnceAndServedFromMemoryWhileUnchanged() throws IOException {
        Path kernel = Files.write(temp.resolve("vmlinux"), new byte[] {0x7f, 'E', 'L', 'F', 1, 2, 3});
        LoadedImageFiles files = new LoadedImageFiles(LoadedImageFiles.BUDGET);

        LoadedImageFiles.Blob first = files.get(kernel);

        assertArrayEquals(Files.readAllBytes(kernel), bytes(first));
        assertSame(first, files.get(kernel));
        assertSame(first, files.get(temp.resolve("x/../vmlinux")), "the same file under another spelling");
    }

    @Test
    void aChangedFileIsReadAgain() throws IOException {
        Path kernel = Files.write(temp.resolve("vmlinux"), new byte[] {1, 2, 3});
        LoadedImageFiles files = new LoadedImageFiles(LoadedImageFiles.BUDGET);
        LoadedImageFiles.Blob old = files.get(kernel);

        Files.write(kernel, new byte[] {4, 5, 6});
        Files.setLastModifiedTime(kernel, FileTime.from(Instant.now().plusSeconds(60)));
        LoadedImageFiles.Blob now = files.get(kernel);

        assertNotSame(old, now);
        assertArrayEquals(new byte[] {4, 5, 6}, bytes(now));
        assertEquals(1, files.count());
    }

    @Test
    void aFileReplacedByAnotherOfTheSameSizeAndTimeIsReadAgain() throws IOException {
        Path kernel = Files.write(temp.resolve("vmlinux"), new byte[] {1, 2, 3});
        LoadedImageFiles files = new LoadedImageFiles(LoadedImageFiles.BUDGET);
        FileTime time = Files.getLastModifiedTime(kernel);
        files.get(kernel);

        Path replacement = Files.write(temp.resolve("vmlinux.new"), new byte[] {7, 8, 9});
        Files.setLastModifiedTime(replacement, time);
        Files.move(replacement, kernel, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertArrayEquals(new byte[] {7, 8, 9}, bytes(files.get(kernel)));
    }

    @Test
    void beyondTheBudgetTheLeastRecentlyUsedAreDropped() throws IOException {
        Path a = Files.write(temp.resolve("a"), new byte[60]);
        Path b = Files.write(temp.resolve("b"), new byte[60]);
        Path c = Files.write(temp.resolve("c"), new byte[60]);
        LoadedImageFiles files = new LoadedImageFiles(150);
        LoadedImageFiles.Blob keptA = files.get(a);
        files.get(b);
        files.get(a); // a is now more recently used than b

        files.get(c);

        assertEquals(2, files.count());
        assertSame(keptA, files.get(a));
    }

    @Test
    void anEmptyFileIsAnEmptyBlob() throws IOException {
        Path empty = Files.createFile(temp.resolve("empty"));

        assertEquals(0, new LoadedImageFiles(LoadedImageFiles.BUDGET).get(empty).size());
    }

    @Test
    void aMissingFileOrAFolderFails() {
        LoadedImageFiles files = new LoadedImageFiles(LoadedImageFiles.BUDGET);

        assertThrows(NoSuchFileException.class, () -> files.get(temp.resolve("missing")));
        assertThrows(NoSuchFileException.class, () -> files.get(temp));
    }
}

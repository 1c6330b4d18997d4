package io.xzone.convert.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xzone.convert.guestfs.FileState;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
    private static FileState.Regular file(String text) {
        return new FileState.Regular(text.getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
    }

    @Test
    void oneChangedLineWithThreeLinesOfContext() {
        String before = "1\n2\n3\n4\nkernel console=hvc0\n6\n7\n8\n9\n";
        String after = "1\n2\n3\n4\nkernel console=ttyS0\n6\n7\n8\n9\n";
        assertEquals("--- a/boot/grub/menu.lst\n+++ b/boot/grub/menu.lst\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n"
                + "-kernel console=hvc0\n+kernel console=ttyS0\n 6\n 7\n 8\n",
                UnifiedDiff.of("/boot/grub/menu.lst", file(before), file(after)));
    }

    @Test
    void farApartChangesMakeTwoHunksAndNewFilesComeFromDevNull() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        String after = "A\nb\nc\nd\ne\nf\ng\nh\ni\nJ\n";
        assertEquals("--- a/x\n+++ b/x\n@@ -1,4 +1,4 @@\n-a\n+A\n b\n c\n d\n@@ -7,4 +7,4 @@\n g\n h\n i\n-j\n+J\n",
                UnifiedDiff.of("/x", file(before), file(after)));
        assertEquals("--- /dev/null\n+++ b/etc/init/ttyS0.conf\n@@ -0,0 +1,2 @@\n+respawn\n+exec getty ttyS0\n",
                UnifiedDiff.of("/etc/init/ttyS0.conf", new FileState.Absent(), file("respawn\nexec getty ttyS0\n")));
        assertEquals("--- a/l\n+++ /dev/null\n@@ -1 +0,0 @@\n-symlink -> /lib/x\n",
                UnifiedDiff.of("/l", new FileState.Symlink("/lib/x"), new FileState.Absent()));
    }
}

package io.xzone.it.xenstored;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The harness daemon behaves as a real xenstored for the real xenstore-* tools. */
@XenstoredTest
class XenstoredToolsTest {
    private XenstoreTools tools;

    @BeforeEach
    void tools(Xenstored daemon) {
        tools = new XenstoreTools(daemon);
    }

    @Test
    void writesAndReadsBack() {
        tools.run("xenstore-write", "/tools/name", "zone-a", "/tools/memory", "512");
        assertEquals("zone-a\n", tools.run("xenstore-read", "/tools/name"));
        assertEquals("512\n", tools.run("xenstore-read", "/tools/memory"));
    }

    @Test
    void listsChildren() {
        tools.run("xenstore-write", "/list/b", "2", "/list/a", "1", "/list/c/deep", "3");
        String[] children = tools.run("xenstore-list", "/list").split("\n");
        Arrays.sort(children);
        assertEquals("a b c", String.join(" ", children));
        assertTrue(tools.run("xenstore-ls", "/list").contains("deep = \"3\""));
    }

    @Test
    void removesSubtrees() {
        tools.run("xenstore-write", "/gone/a/b", "x");
        tools.run("xenstore-rm", "/gone/a");
        assertEquals("", tools.run("xenstore-list", "/gone"));
        AssertionError missing = assertThrows(AssertionError.class, () -> tools.run("xenstore-read", "/gone/a/b"));
        assertTrue(missing.getMessage().contains("exited 1"), missing.getMessage());
    }

    @Test
    void watchFiresOnWrite() throws InterruptedException {
        tools.run("xenstore-write", "/watched/state", "initial");
        try (XenstoreTools.Watch watch = tools.watch("/watched")) {
            // xenstored fires every new watch once, right away: proof that it is registered.
            assertEquals("/watched", watch.next(10, TimeUnit.SECONDS));
            tools.run("xenstore-write", "/watched/state", "running");
            assertEquals("/watched/state", watch.next(10, TimeUnit.SECONDS));
            tools.run("xenstore-write", "/elsewhere", "x");
            tools.run("xenstore-rm", "/watched/state");
            assertEquals("/watched/state", watch.next(10, TimeUnit.SECONDS), "a write outside the watched path fired it");
        }
    }

    @Test
    void setsPermissionsAndReadsThemBack() {
        tools.run("xenstore-write", "/perms/node", "v");
        tools.run("xenstore-chmod", "/perms/node", "n0", "r7", "b9");
        assertEquals("n0 r7 b9", permissionsOf("/perms/node"));
        tools.run("xenstore-chmod", "/perms/node", "w3");
        assertEquals("w3", permissionsOf("/perms/node"));
        AssertionError bad = assertThrows(AssertionError.class, () -> tools.run("xenstore-chmod", "/perms/missing", "n0"));
        assertTrue(bad.getMessage().contains("exited"), bad.getMessage());
    }

    /** The permission list of one node as xenstore-ls -p prints it, e.g. "n0 r7". */
    private String permissionsOf(String path) {
        String parent = path.substring(0, path.lastIndexOf('/'));
        String name = path.substring(path.lastIndexOf('/') + 1);
        for (String line : tools.run("xenstore-ls", "-p", parent).split("\n")) {
            if (line.strip().startsWith(name + " =")) {
                String list = line.substring(line.lastIndexOf('(') + 1, line.lastIndexOf(')'));
                return list.replace(',', ' ');
            }
        }
        throw new AssertionError(path + " not listed by xenstore-ls -p " + parent);
    }
}

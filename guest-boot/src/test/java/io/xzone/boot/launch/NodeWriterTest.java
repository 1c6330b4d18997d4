package io.xzone.boot.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xzone.boot.layout.XsNode;
import io.xzone.xen.FakeXenStore;
import io.xzone.xen.XenStoreAccess;
import io.xzone.xen.XenStorePermission;
import io.xzone.xen.XenStorePermission.Access;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeWriterTest {
    private static final List<XenStorePermission> GUEST_READS = List.of(XenStorePermission.owner(0, Access.NONE),
            new XenStorePermission(7, Access.READ));
    private static final List<XenStorePermission> GUEST_OWNS = List.of(XenStorePermission.owner(7, Access.NONE));
    private static final List<XenStorePermission> BACKEND_ID = List.of(XenStorePermission.owner(7, Access.NONE),
            new XenStorePermission(0, Access.READ));

    private final List<XsNode> nodes = List.of(
            new XsNode("/local/domain/7", "", GUEST_READS),
            new XsNode("/local/domain/7/cpu", "", GUEST_READS),
            new XsNode("/local/domain/7/name", "web", List.of()),
            new XsNode("/local/domain/7/data", "", GUEST_OWNS),
            new XsNode("/local/domain/7/data/x", "", GUEST_OWNS),
            new XsNode("/local/domain/7/console", "", GUEST_READS),
            new XsNode("/local/domain/7/console/type", "xenconsoled", GUEST_READS),
            new XsNode("/local/domain/7/console/backend-id", "0", BACKEND_ID),
            new XsNode("/local/domain/7/device/suspend/event-channel", "", GUEST_OWNS));

    @Test
    void nodesEndWithThePermissionsTheLayoutGivesThemWithoutRepeatingInheritedOnes() {
        FakeXenStore store = new FakeXenStore();
        List<String> setPermissions = new ArrayList<>();

        NodeWriter.write(recordingPermissions(store, setPermissions), nodes);

        assertEquals(List.of("/local/domain/7", "/local/domain/7/data", "/local/domain/7/console/backend-id",
                "/local/domain/7/device/suspend/event-channel"), setPermissions);
        for (XsNode node : nodes) {
            List<XenStorePermission> expected = node.hasOwnPerms() ? node.perms() : GUEST_READS;
            assertEquals(expected, store.permissions(node.path()), node.path());
        }
        assertEquals(Optional.of("web"), store.read("/local/domain/7/name"));
    }

    /** {@code store}, noting the path of each setPermissions before passing it on. */
    private static XenStoreAccess recordingPermissions(FakeXenStore store, List<String> paths) {
        return new XenStoreAccess() {
            @Override
            public Optional<String> read(String path) {
                return store.read(path);
            }

            @Override
            public void write(String path, String value) {
                store.write(path, value);
            }

            @Override
            public void mkdir(String path) {
                store.mkdir(path);
            }

            @Override
            public void rm(String path) {
                store.rm(path);
            }

            @Override
            public List<String> directory(String path) {
                return store.directory(path);
            }

            @Override
            public List<XenStorePermission> permissions(String path) {
                return store.permissions(path);
            }

            @Override
            public void setPermissions(String path, List<XenStorePermission> permissions) {
                paths.add(path);
                store.setPermissions(path, permissions);
            }
        };
    }
}

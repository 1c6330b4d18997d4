package io.xzone.boot.layout;

import io.xzone.xen.XenStorePermission;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xzone.boot.backend.GuestType;
import io.xzone.boot.spec.Origin;
import io.xzone.boot.spec.SpecFiles;
import io.xzone.boot.spec.ZoneSpec;
import io.xzone.boot.spec.ZoneSpecBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneLayoutTest {
    @TempDir
    Path dir;

    private ZoneSpec spec(String backend) {
        Path kernel = new SpecFiles(dir).elfKernel("vmlinux");
        return new ZoneSpecBuilder().name("web", Origin.DEFAULT).kernel(kernel, Origin.DEFAULT).backend(backend, Origin.DEFAULT)
                .uuid("0f8fad5b-d9cb-469f-a165-70867728950e", Origin.DEFAULT).vcpus(2, Origin.DEFAULT)
                .maxVcpus(3, Origin.DEFAULT).memory(512, Origin.DEFAULT).cmdline("console=hvc0", Origin.DEFAULT)
                .build(Set.of());
    }

    private static Map<String, XsNode> byPath(List<XsNode> nodes) {
        return nodes.stream().collect(Collectors.toMap(XsNode::path, Function.identity()));
    }

    @Test
    void skeletonHasLibxlPermissions() {
        Map<String, XsNode> nodes = byPath(new ZoneLayout(spec("pv"), GuestType.PV, 7).skeleton());
        assertEquals("n0 r7", perms(nodes.get("/local/domain/7")));
        assertEquals("n0 r7", perms(nodes.get("/vm/0f8fad5b-d9cb-469f-a165-70867728950e")));
        assertEquals("n0", perms(nodes.get("/libxl/7")));
        assertEquals("n7", perms(nodes.get("/local/domain/7/control/shutdown")));
        assertEquals("n7", perms(nodes.get("/local/domain/7/data")));
        assertEquals("web", nodes.get("/local/domain/7/name").value());
        assertEquals("/vm/0f8fad5b-d9cb-469f-a165-70867728950e", nodes.get("/local/domain/7/vm").value());
        assertEquals("pv", nodes.get("/libxl/7/type").value());
        assertFalse(nodes.containsKey("/local/domain/7/hvmloader"));
        assertFalse(nodes.containsKey("/local/domain/7/control/feature-s3"));
    }

    @Test
    void hvmSkeletonAddsHvmloaderAndSleepStates() {
        Map<String, XsNode> nodes = byPath(new ZoneLayout(spec("hvm"), GuestType.HVM, 7).skeleton());
        assertEquals("n0 r7", perms(nodes.get("/local/domain/7/hvmloader")));
        assertEquals("n7", perms(nodes.get("/local/domain/7/control/feature-s4")));
    }

    @Test
    void parentsComeBeforeChildren() {
        List<XsNode> nodes = new ZoneLayout(spec("pv"), GuestType.PV, 7).skeleton();
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                assertFalse(nodes.get(i).path().startsWith(nodes.get(j).path() + "/"), nodes.get(i) + " before its parent");
            }
        }
    }

    @Test
    void builtNodesCarryMemoryInKibStoreRingAndVcpuAvailability() {
        Map<String, XsNode> nodes = byPath(new ZoneLayout(spec("pv"), GuestType.PV, 7).built(Rings.of(3, 0x1234, 4, 0x5678), "1.00"));
        assertEquals("524288", nodes.get("/local/domain/7/memory/target").value());
        assertEquals("7", nodes.get("/local/domain/7/domid").value());
        assertEquals("3", nodes.get("/local/domain/7/store/port").value());
        assertEquals(Long.toString(0x1234), nodes.get("/local/domain/7/store/ring-ref").value());
        assertEquals("online", nodes.get("/local/domain/7/cpu/1/availability").value());
        assertEquals("offline", nodes.get("/local/domain/7/cpu/2/availability").value());
        assertEquals("console=hvc0", nodes.get("/vm/0f8fad5b-d9cb-469f-a165-70867728950e/image/cmdline").value());
    }

    @Test
    void consoleIsReadOnlyToTheGuestAndServedByXenconsoled() {
        Map<String, XsNode> nodes = byPath(new ZoneLayout(spec("pvh"), GuestType.PVH, 7).console(Rings.of(3, 10, 4, 20)));
        assertEquals("n0 r7", perms(nodes.get("/local/domain/7/console")));
        assertEquals("xenconsoled", nodes.get("/local/domain/7/console/type").value());
        assertEquals("4", nodes.get("/local/domain/7/console/port").value());
        assertEquals("20", nodes.get("/local/domain/7/console/ring-ref").value());
        assertEquals("/local/domain/7/console", nodes.get("/local/domain/0/backend/console/7/0/frontend").value());
        assertTrue(nodes.containsKey("/libxl/7/device/console/0/backend"));
    }

    private static String perms(XsNode node) {
        return String.join(" ", node.perms().stream().map(XenStorePermission::toString).toList());
    }
}

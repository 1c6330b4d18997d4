import io.xzone.xen.JnaXenStore;
import io.xzone.xen.XenStore;
import io.xzone.xen.XenStoreWatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Run in the lab's dom0 (java -cp xzone.jar XenStoreCheck.java [domains]): the binding against the real xenstored of
 * a real Xen. Prints one "ok ..." line a check; any failure ends with a non-zero status and the reason. With
 * "domains" it then watches @introduceDomain and @releaseDomain, creates the file xs-watching in the working folder
 * and checks that a guest someone else creates is introduced, then released when it dies.
 */
public class XenStoreCheck {
    private static final Duration GUEST_WAIT = Duration.ofMinutes(5);

    public static void main(String[] args) throws Exception {
        try (XenStore store = JnaXenStore.open()) {
            basics(store);
            if (args.length > 0 && args[0].equals("domains")) {
                domains(store);
            }
        }
    }

    private static void basics(XenStore store) throws InterruptedException {
        check("dom0 name", store.read("/local/domain/0/name").equals(Optional.of("Domain-0")));
        check("dom0 path", store.domainPath(0).equals("/local/domain/0"));
        check("dom0 introduced", store.isDomainIntroduced(0));

        store.write("/xzone-check/value", "written");
        check("write+read", store.read("/xzone-check/value").equals(Optional.of("written")));
        check("directory", store.directory("/xzone-check").equals(List.of("value")));

        try (XenStoreWatch watch = store.watch("/xzone-check")) {
            check("watch registered", watch.next(Duration.ofSeconds(10)).equals(Optional.of("/xzone-check")));
            String seen = store.transactionally(tx -> {
                String old = tx.read("/xzone-check/value").orElseThrow();
                tx.write("/xzone-check/value", old + "+tx");
                return old;
            });
            check("transaction", seen.equals("written") && store.read("/xzone-check/value").equals(Optional.of("written+tx")));
            check("watch fired", watch.next(Duration.ofSeconds(10)).equals(Optional.of("/xzone-check/value")));
        }
        store.rm("/xzone-check");
        check("rm", store.read("/xzone-check/value").isEmpty());
    }

    private static void domains(XenStore store) throws Exception {
        Set<String> before = new HashSet<>(store.directory("/local/domain"));
        try (XenStoreWatch introduced = store.watch(XenStore.INTRODUCE_DOMAIN);
             XenStoreWatch released = store.watch(XenStore.RELEASE_DOMAIN)) {
            introduced.next(Duration.ofSeconds(10));
            released.next(Duration.ofSeconds(10));
            Files.writeString(Path.of("xs-watching"), "");
            check("@introduceDomain fired", introduced.next(GUEST_WAIT).equals(Optional.of(XenStore.INTRODUCE_DOMAIN)));
            List<String> added = new ArrayList<>(store.directory("/local/domain"));
            added.removeAll(before);
            check("one new domain " + added, added.size() == 1);
            int domid = Integer.parseInt(added.get(0));
            check("domain " + domid + " introduced", store.isDomainIntroduced(domid));
            long deadline = System.nanoTime() + GUEST_WAIT.toNanos();
            while (store.isDomainIntroduced(domid) && System.nanoTime() < deadline) {
                released.next(Duration.ofSeconds(5));
            }
            check("domain " + domid + " released", !store.isDomainIntroduced(domid));
        }
    }

    private static void check(String what, boolean ok) {
        if (!ok) {
            System.out.println("FAILED " + what);
            System.exit(1);
        }
        System.out.println("ok " + what);
    }
}

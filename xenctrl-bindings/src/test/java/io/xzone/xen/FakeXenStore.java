package io.xzone.xen;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An in-memory {@link XenStore} for tests, faithful to C xenstored 4.17 where launch code can tell: path rules,
 * implicit parents inheriting permissions, rm of a missing node, transactions that fail to commit (EAGAIN) when
 * another writer touched a node they used, watches (fired once on registration, then for changes at or below their
 * path, and for removed nodes below them), {@code @introduceDomain}/{@code @releaseDomain}, and domain paths. The
 * connection is dom0's, so permissions are kept but not enforced. {@link #failNext} makes any call fail once,
 * {@link #failUnder} a call on part of the tree fail for good.
 */
public final class FakeXenStore implements XenStore {
    private static final int EBADF = 9;

    private final Object lock;
    private final AtomicLong generations;
    private final FakeXenStoreTree live;
    private final Map<Integer, Integer> introduced;
    private final List<XenStoreWatchQueue> watches;
    private final Map<String, Deque<Integer>> injected;
    /** Per call, the paths at or below which it keeps failing, and with which errno. */
    private final Map<String, Map<String, Integer>> refused;
    /** The watches this connection registered: closing the connection removes them, as xenstored does. */
    private final List<XenStoreWatchQueue> mine = new CopyOnWriteArrayList<>();
    private boolean closed;

    /** An empty store (only the root and dom0, introduced) and a first connection to it. */
    public FakeXenStore() {
        this.lock = new Object();
        this.generations = new AtomicLong();
        this.live = new FakeXenStoreTree(generations::incrementAndGet);
        this.introduced = new HashMap<>(Map.of(0, 1));
        this.watches = new CopyOnWriteArrayList<>();
        this.injected = new HashMap<>();
        this.refused = new HashMap<>();
    }

    private FakeXenStore(FakeXenStore other) {
        this.lock = other.lock;
        this.generations = other.generations;
        this.live = other.live;
        this.introduced = other.introduced;
        this.watches = other.watches;
        this.injected = other.injected;
        this.refused = other.refused;
    }

    /** Another connection to the same store, closed independently of this one. */
    public FakeXenStore connectAnother() {
        return new FakeXenStore(this);
    }

    /** The next call named {@code call} (a C name such as {@code xs_write}) fails with {@code errno}; once per call to this. */
    public void failNext(String call, int errno) {
        synchronized (lock) {
            injected.computeIfAbsent(call, name -> new ArrayDeque<>()).add(errno);
        }
    }

    /**
     * From now on every call named {@code call} on {@code path} or below it fails with {@code errno}, on every
     * connection and in transactions too, as when xenstored keeps refusing a misbehaving part of the tree.
     */
    public void failUnder(String call, String path, int errno) {
        synchronized (lock) {
            refused.computeIfAbsent(call, name -> new HashMap<>()).put(path, errno);
        }
    }

    /** Every node at or below {@code prefix}, path to value, for assertions. */
    public NavigableMap<String, String> dump(String prefix) {
        synchronized (lock) {
            return live.dump(FakeXenStoreTree.canonical("dump", prefix));
        }
    }

    @Override
    public Optional<String> read(String path) {
        return direct("xs_read", path, (tree, p) -> tree.node(p).map(FakeXenStoreTree.Node::value));
    }

    @Override
    public void write(String path, String value) {
        change("xs_write", path, tree -> tree.write(FakeXenStoreTree.canonical("xs_write", path), value));
    }

    @Override
    public void mkdir(String path) {
        change("xs_mkdir", path, tree -> tree.mkdir(FakeXenStoreTree.canonical("xs_mkdir", path)));
    }

    @Override
    public void rm(String path) {
        change("xs_rm", path, tree -> tree.rm("xs_rm", FakeXenStoreTree.canonical("xs_rm", path)));
    }

    @Override
    public List<String> directory(String path) {
        return direct("xs_directory", path, (tree, p) -> tree.children("xs_directory", p));
    }

    @Override
    public List<XenStorePermission> permissions(String path) {
        return direct("xs_get_permissions", path, (tree, p) -> tree.permissions("xs_get_permissions", p));
    }

    @Override
    public void setPermissions(String path, List<XenStorePermission> permissions) {
        change("xs_set_permissions", path,
                tree -> tree.setPermissions("xs_set_permissions", FakeXenStoreTree.canonical("xs_set_permissions", path), permissions));
    }

    @Override
    public XenStoreTransaction startTransaction() {
        synchronized (lock) {
            enter("xs_transaction_start", "");
            return new FakeTransaction();
        }
    }

    @Override
    public XenStoreWatch watch(String path) {
        synchronized (lock) {
            enter("xs_watch", path);
            String watched = path.startsWith("@") ? path : FakeXenStoreTree.canonical("xs_watch", path);
            XenStoreWatchQueue registered = new XenStoreWatchQueue(watched, this::unwatch);
            watches.add(registered);
            mine.add(registered);
            registered.fire(watched);
            return registered;
        }
    }

    @Override
    public void introduceDomain(int domid, long storeMfn, int storePort) {
        synchronized (lock) {
            String call = "xs_introduce_domain";
            enter(call, Integer.toString(domid));
            if (storePort <= 0) {
                throw new XenException(call + "(" + domid + ")", XenStoreErrno.EINVAL, "event channel port " + storePort);
            }
            if (introduced.put(domid, storePort) == null) {
                fire(INTRODUCE_DOMAIN);
            }
        }
    }

    @Override
    public void releaseDomain(int domid) {
        synchronized (lock) {
            String call = "xs_release_domain(" + domid + ")";
            enter("xs_release_domain", Integer.toString(domid));
            if (domid == 0) {
                throw new XenException(call, XenStoreErrno.EINVAL, "dom0 cannot be released");
            }
            if (introduced.remove(domid) == null) {
                throw new XenException(call, XenStoreErrno.ENOENT, null);
            }
            // xenstored 4.17 (domain_tree_remove, without --keep-orphans) deletes the nodes the domain owns.
            for (String owned : live.ownedBy(domid)) {
                applyAndFire(owned, tree -> tree.rm(call, owned));
            }
            fire(RELEASE_DOMAIN);
        }
    }

    @Override
    public boolean isDomainIntroduced(int domid) {
        synchronized (lock) {
            enter("xs_is_domain_introduced", Integer.toString(domid));
            return introduced.containsKey(domid);
        }
    }

    @Override
    public String domainPath(int domid) {
        synchronized (lock) {
            enter("xs_get_domain_path", Integer.toString(domid));
            return "/local/domain/" + domid;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        mine.forEach(XenStoreWatchQueue::close);
    }

    private void unwatch(XenStoreWatchQueue watch) {
        watches.remove(watch);
        mine.remove(watch);
    }

    /** A call outside any transaction that reads the live tree. */
    private <T> T direct(String call, String path, Read<T> read) {
        synchronized (lock) {
            enter(call, path);
            return read.apply(live, FakeXenStoreTree.canonical(call, path));
        }
    }

    /** A call outside any transaction that changes the live tree and fires the watches on its path. */
    private void change(String call, String path, Consumer<FakeXenStoreTree> change) {
        synchronized (lock) {
            enter(call, path);
            applyAndFire(FakeXenStoreTree.canonical(call, path), change);
        }
    }

    /** Applies a change to the live tree and fires the watches on its path if it changed anything. Holds the lock. */
    private void applyAndFire(String path, Consumer<FakeXenStoreTree> change) {
        long before = live.generationOf(path);
        change.accept(live);
        if (live.generationOf(path) != before) {
            fire(path);
        }
    }

    /** Fires watches at or above {@code path}, and watches below it when it was removed (with their own path). */
    private void fire(String path) {
        for (XenStoreWatchQueue watch : watches) {
            String watched = watch.path();
            if (watched.equals(path) || watched.equals("/") || path.startsWith(watched + "/")) {
                watch.fire(path);
            } else if (watched.startsWith(path + "/") && !live.exists(watched)) {
                watch.fire(watched);
            }
        }
    }

    /** Checks the connection is open and consumes an injected failure of {@code call}. Holds the lock. */
    private void enter(String call, String subject) {
        if (closed) {
            throw new XenException(call + "(" + subject + ")", EBADF, "the xenstore connection is closed");
        }
        Deque<Integer> failures = injected.get(call);
        if (failures != null && !failures.isEmpty()) {
            throw new XenException(call + "(" + subject + ")", failures.poll(), "injected by the test");
        }
        for (Map.Entry<String, Integer> refusal : refused.getOrDefault(call, Map.of()).entrySet()) {
            if (subject.equals(refusal.getKey()) || subject.startsWith(refusal.getKey() + "/")) {
                throw new XenException(call + "(" + subject + ")", refusal.getValue(), "refused by the test");
            }
        }
    }

    private interface Read<T> {
        T apply(FakeXenStoreTree tree, String path);
    }

    /**
     * Works on a private copy of the tree and remembers, for every node it touched, the generation that node had
     * when the transaction started; the commit replays its changes on the live tree only if none of them moved.
     */
    private final class FakeTransaction implements XenStoreTransaction {
        private final FakeXenStoreTree start = live.copy();
        private final FakeXenStoreTree view = start.copy();
        private final Map<String, Long> used = new LinkedHashMap<>();
        private final List<Change> changes = new ArrayList<>();
        private boolean ended;

        private record Change(String path, Consumer<FakeXenStoreTree> apply) {
        }

        @Override
        public Optional<String> read(String path) {
            return inside("xs_read", path, p -> Set.of(p), p -> view.node(p).map(FakeXenStoreTree.Node::value));
        }

        @Override
        public void write(String path, String value) {
            record("xs_write", path, view::touchedByWrite, tree -> tree.write(FakeXenStoreTree.canonical("xs_write", path), value));
        }

        @Override
        public void mkdir(String path) {
            record("xs_mkdir", path, view::touchedByWrite, tree -> tree.mkdir(FakeXenStoreTree.canonical("xs_mkdir", path)));
        }

        @Override
        public void rm(String path) {
            record("xs_rm", path, view::touchedByRm, tree -> tree.rm("xs_rm", FakeXenStoreTree.canonical("xs_rm", path)));
        }

        @Override
        public List<String> directory(String path) {
            return inside("xs_directory", path, p -> Set.of(p), p -> view.children("xs_directory", p));
        }

        @Override
        public List<XenStorePermission> permissions(String path) {
            return inside("xs_get_permissions", path, p -> Set.of(p), p -> view.permissions("xs_get_permissions", p));
        }

        @Override
        public void setPermissions(String path, List<XenStorePermission> permissions) {
            record("xs_set_permissions", path, p -> Set.of(p),
                    tree -> tree.setPermissions("xs_set_permissions", FakeXenStoreTree.canonical("xs_set_permissions", path), permissions));
        }

        @Override
        public boolean commit() {
            synchronized (lock) {
                end();
                if (injectedConflict() || moved()) {
                    return false;
                }
                changes.forEach(change -> applyAndFire(change.path(), change.apply()));
                return true;
            }
        }

        @Override
        public void abort() {
            synchronized (lock) {
                end();
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                ended = true;
            }
        }

        /** An injected EAGAIN on xs_transaction_end is a conflict; other injected errors fail the commit. */
        private boolean injectedConflict() {
            try {
                enter("xs_transaction_end", "commit");
                return false;
            } catch (XenException e) {
                if (e.errno() != XenStoreErrno.EAGAIN) {
                    throw e;
                }
                return true;
            }
        }

        /** Someone else changed a node this transaction used since it started. */
        private boolean moved() {
            return used.entrySet().stream().anyMatch(entry -> live.generationOf(entry.getKey()) != entry.getValue());
        }

        private void end() {
            if (ended) {
                throw new XenException("xs_transaction_end", XenStoreErrno.EINVAL, "the transaction has ended already");
            }
            ended = true;
        }

        private <T> T inside(String call, String path, Function<String, Set<String>> touched,
                Function<String, T> read) {
            synchronized (lock) {
                String canonical = enterOpen(call, path);
                use(touched.apply(canonical));
                return read.apply(canonical);
            }
        }

        private void record(String call, String path, Function<String, Set<String>> touched,
                Consumer<FakeXenStoreTree> apply) {
            synchronized (lock) {
                String canonical = enterOpen(call, path);
                use(touched.apply(canonical));
                apply.accept(view);
                changes.add(new Change(canonical, apply));
            }
        }

        private String enterOpen(String call, String path) {
            enter(call, path);
            if (ended) {
                throw new XenException(call + "(" + path + ")", XenStoreErrno.EINVAL, "the transaction has ended");
            }
            return FakeXenStoreTree.canonical(call, path);
        }

        private void use(Set<String> paths) {
            for (String path : new HashSet<>(paths)) {
                used.putIfAbsent(path, start.generationOf(path));
            }
        }
    }
}

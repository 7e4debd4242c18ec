package org.rustydb.storage.paged.internal.btree;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.paged.internal.buffer.Page;
import org.rustydb.storage.paged.internal.buffer.PageCache;
import org.rustydb.storage.paged.internal.log.PageEdit;
import org.rustydb.storage.paged.internal.log.PageEditLog;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;
import org.rustydb.storage.paged.internal.page.PageWriter;

/**
 * A B+tree index in one file: entries are (key bytes, 64-bit value) pairs ordered by key
 * (unsigned bytes, see {@link KeyEncoder}) then value, so a non-unique index holds one entry per
 * row with a key. Page 0 is the {@link MetaPage}; nodes are laid out as described in {@link Node}.
 *
 * <p><b>Concurrency: latch coupling (crabbing)</b>, thread-safe. Every descent latches a child
 * before releasing its parent. Readers use shared latches. Inserts and deletes descend with
 * shared latches and latch only the leaf exclusively; if the leaf lacks room (or underflows after
 * a delete) they release everything and run a structure modification ({@link Restructure}) that
 * descends again holding exclusive latches on just the node and its parent, and retries. Latch
 * order: nodes top-down, leaves left to right (a leaf's left sibling is latched only after
 * releasing the leaf, while holding their common parent), then the meta page, then free pages.
 * The root page carries a root flag, so the root page number is only a hint that every descent
 * verifies after latching; the meta page is read only when the hint is stale.
 *
 * <p>Structural changes are logged with xid 0, each as one {@link PageEdit} leaving a valid tree:
 * a split (node, new sibling, parent or new root, meta page) or a merge/borrow at one level.
 * Entry inserts and deletes are logged with the caller's xid. Cursors hold no latch or pin
 * between calls (see {@link RangeCursor}).
 */
public final class BTree {
    /** An entry of the tree; compares and equals by content. */
    public record Entry(byte[] key, long value) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            return Node.compare(key, value, o.key, o.value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.value == value && Arrays.equals(e.key, key);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key) * 31 + Long.hashCode(value);
        }

        @Override
        public String toString() {
            return KeyEncoder.describe(key) + "->" + value;
        }
    }

    /** A range scan position; {@link #next} moves to the first or next entry. Not thread-safe. */
    public interface Cursor extends AutoCloseable {
        /** Moves to the next entry in scan order; false when there is none. */
        boolean next();

        byte[] key();

        long value();

        @Override
        void close();
    }

    /** Descent modes: the child holding a target, or the extreme children. */
    static final int LE = 0;
    static final int LT = 1;
    static final int LEFTMOST = 2;
    static final int RIGHTMOST = 3;

    final PageCache cache;
    final PageEditLog log;
    final int fileId;
    private final boolean unique;
    /** Bytes of a node usable by slots and cells: the full page, or less in tests to force splits. */
    final int capacity;
    private final int maxKeyLength;
    private final Restructure restructure;
    private volatile int rootHint;
    /**
     * Frames upper nodes were last found in, by page number modulo the length; a hint only,
     * checked at every use (see {@link #latchUpper}), so racy reads and writes are harmless.
     */
    private final Page[] upperFrames = new Page[64];
    private volatile int rootLevelHint;
    /**
     * The leaf an insert last found rightmost, 0 if none: ascending keys (serial ids, timestamps)
     * all go there, and {@link #appendRightmostRun} puts them in without a descent from the root.
     */
    private volatile int rightmostLeafHint;

    private BTree(PageCache cache, PageEditLog log, int fileId, boolean unique, int capacity, int root, int rootLevel) {
        if (capacity < 256 || capacity > Node.MAX_CAPACITY) {
            throw new IllegalArgumentException("node capacity " + capacity);
        }
        this.cache = cache;
        this.log = log;
        this.fileId = fileId;
        this.unique = unique;
        this.capacity = capacity;
        // a quarter node per cell: a node always holds three cells besides a high key, so a split
        // always leaves two non-empty halves with room for one more entry
        this.maxKeyLength = capacity / 4 - Node.INNER_OVERHEAD;
        this.rootHint = root;
        this.rootLevelHint = rootLevel;
        this.restructure = new Restructure(this);
    }

    /** Formats an empty tree (meta page and an empty root leaf, one edit) in an existing empty file. */
    public static BTree create(PageCache cache, PageEditLog log, int fileId, boolean unique) {
        return create(cache, log, fileId, unique, Node.MAX_CAPACITY);
    }

    /** Opens a tree created by {@link #create}; XX001 if page 0 is not a B+tree meta page. */
    public static BTree open(PageCache cache, PageEditLog log, int fileId) {
        return open(cache, log, fileId, Node.MAX_CAPACITY);
    }

    /** {@link #create} with nodes filled only up to {@code capacity} bytes (tests: many splits). */
    static BTree create(PageCache cache, PageEditLog log, int fileId, boolean unique, int capacity) {
        if (cache.pageCount(fileId) != 0) {
            throw DbException.of(SqlState.INTERNAL_ERROR, "B+tree file base/" + fileId + " is not empty");
        }
        Page meta = cache.allocate(fileId);
        try (meta) {
            Page root = cache.allocate(fileId);
            try (root) {
                if (meta.id().pageNo() != 0 || root.id().pageNo() != 1) {
                    throw DbException.of(SqlState.INTERNAL_ERROR, "B+tree file base/" + fileId + " is not empty");
                }
                meta.latchExclusive();
                root.latchExclusive();
                try {
                    PageEdit edit = log.begin(0);
                    MetaPage.format(edit.write(meta), 1, unique);
                    PageWriter w = edit.write(root);
                    w.format(PageLayout.TYPE_BTREE_LEAF);
                    Node.rebuild(w, 0, 0, 0, null, List.of());
                    Node.setRoot(w, true);
                    edit.commit();
                } finally {
                    root.unlatchExclusive();
                    meta.unlatchExclusive();
                }
            }
        }
        return new BTree(cache, log, fileId, unique, capacity, 1, 0);
    }

    static BTree open(PageCache cache, PageEditLog log, int fileId, int capacity) {
        Page meta = cache.pin(new PageId(fileId, 0));
        try (meta) {
            meta.latchShared();
            try {
                ByteBuffer b = meta.data();
                MetaPage.verify(b, fileId);
                return new BTree(cache, log, fileId, MetaPage.unique(b), capacity, MetaPage.root(b),
                        MetaPage.height(b) - 1);
            } finally {
                meta.unlatchShared();
            }
        }
    }

    public int fileId() {
        return fileId;
    }

    public boolean isUnique() {
        return unique;
    }

    /** The longest key accepted, in encoded bytes. */
    public int maxKeyLength() {
        return maxKeyLength;
    }

    /** Levels of the tree: 1 while the root is a leaf. */
    public int height() {
        Latched meta = latch(0, false);
        try {
            return MetaPage.height(meta.data());
        } finally {
            meta.release();
        }
    }

    /** Adds an entry; adding an entry that exists already changes nothing. */
    public void insert(byte[] key, long value, long xid) {
        int size = checkKey(key);
        if (appendRightmost(key, value, xid, false)) {
            return;
        }
        while (true) {
            Path p = descend(key, value, LE, 0, 0, false);
            try {
                ByteBuffer b = p.node.data();
                noteRightmost(p.node);
                int pos = Node.lowerBound(b, key, value);
                if (pos < Node.count(b) && Node.compareAt(b, pos, key, value) == 0) {
                    return;
                }
                if (Node.used(b) + size <= capacity) {
                    PageEdit edit = log.begin(xid);
                    Node.insert(edit.write(p.node.page), pos, new Node.Cell(key, value, 0));
                    edit.commit();
                    return;
                }
            } finally {
                p.release();
            }
            restructure.makeRoom(key, value, size);
        }
    }

    /**
     * Adds an entry to a unique index after calling {@code check} for every existing entry with an
     * equal key, all of them latched exclusively for the duration so that a concurrent insert of
     * the same key waits and then sees this one. If {@code check} throws, nothing is inserted.
     */
    public void insertUnique(byte[] key, long value, long xid, ConflictCheck check) {
        insertUnique(key, value, xid, check, v -> false);
    }

    /**
     * As {@link #insertUnique(byte[], long, long, ConflictCheck)}, also removing the entries of
     * the key that {@code garbage} picks (they point at row versions the heap has removed). An
     * often updated row gets an entry per version; removing the dead ones here keeps the key's
     * entries, which every insert checks and every lookup reads, from piling up until vacuum.
     */
    public void insertUnique(byte[] key, long value, long xid, ConflictCheck check, LongPredicate garbage) {
        int size = checkKey(key);
        if (appendRightmost(key, value, xid, true)) {
            return;
        }
        while (true) {
            List<Latched> leaves = new ArrayList<>(2);
            try {
                Path p = descend(key, Long.MIN_VALUE, LE, 0, 0, false);
                leaves.add(p.node);
                List<Long> existing = new ArrayList<>();
                List<Latched> existingLeaf = new ArrayList<>();
                Latched target = null;
                Latched leaf = p.node;
                while (true) {
                    ByteBuffer b = leaf.data();
                    int n = Node.count(b);
                    for (int i = Node.lowerBound(b, key, Long.MIN_VALUE); i < n && Node.keyEquals(b, i, key); i++) {
                        existing.add(Node.value(b, i));
                        existingLeaf.add(leaf);
                    }
                    Node.Cell high = Node.highKey(b);
                    if (target == null && (high == null || Node.compare(key, value, high.key(), high.value()) < 0)) {
                        target = leaf;
                    }
                    // the next leaf may hold entries of this key if its lower bound has the key
                    if (high == null || Arrays.compareUnsigned(high.key(), key) > 0) {
                        break;
                    }
                    leaf = latchSibling(Node.right(b), true);
                    leaves.add(leaf);
                }
                for (long v : existing) {
                    check.check(v);
                }
                if (existing.contains(value)) {
                    return;
                }
                for (int i = 0; i < existing.size(); i++) {
                    long v = existing.get(i);
                    Latched holder = existingLeaf.get(i);
                    // a leaf is never emptied here: merging it away is rebalancing's work
                    if ((holder == target || Node.count(holder.data()) > 1) && garbage.test(v)) {
                        removeLatched(holder, key, v, xid);
                    }
                }
                noteRightmost(target);
                ByteBuffer t = target.data();
                if (Node.used(t) + size <= capacity) {
                    PageEdit edit = log.begin(xid);
                    Node.insert(edit.write(target.page), Node.lowerBound(t, key, value), new Node.Cell(key, value, 0));
                    edit.commit();
                    return;
                }
            } finally {
                for (Latched l : leaves) {
                    l.release();
                }
            }
            restructure.makeRoom(key, value, size);
        }
    }

    /** {@link #appendRightmostRun} of one entry: true if it went in. */
    private boolean appendRightmost(byte[] key, long value, long xid, boolean newKey) {
        return appendRightmostRun(new byte[][] {key}, new long[] {value}, 0, 1, xid, newKey) == 1;
    }

    /**
     * Appends a run of entries {@code keys[from..to)} with {@code values} to the rightmost leaf in
     * one edit, as many as sort after its last entry and each other (strictly greater keys when
     * {@code unique}) and fit, latching only that leaf: PostgreSQL's fastpath for the rightmost
     * leaf. Safe without the parent because a leaf page with no right sibling is the rightmost
     * leaf (a merged-away leaf is formatted free in the same edit), whose range is open above, so
     * an entry past its last one belongs there; past the last key means no equal key anywhere, so
     * a unique index needs no further check. Returns how many, 0 when the hint is stale or the
     * first does not qualify (the caller inserts it the usual way, which finds the rightmost leaf).
     */
    public int appendRightmostRun(byte[][] keys, long[] values, int from, int to, long xid, boolean unique) {
        int hint = rightmostLeafHint;
        if (hint <= 0) {
            return 0;
        }
        Latched leaf = latch(hint, true);
        try {
            ByteBuffer b = leaf.data();
            int n;
            if (PageLayout.type(b) != PageLayout.TYPE_BTREE_LEAF || Node.level(b) != 0 || Node.right(b) != 0
                    || (n = Node.count(b)) == 0) {
                return 0;
            }
            byte[] lastKey = null;
            long lastValue = 0;
            int used = Node.used(b);
            int appended = 0;
            PageEdit edit = null;
            for (int i = from; i < to; i++) {
                byte[] key = keys[i];
                int size = key.length + Node.LEAF_OVERHEAD;
                if (key.length > maxKeyLength || used + size > capacity) {
                    break;
                }
                boolean after = lastKey == null
                        ? Node.compareAt(b, n - 1, key, unique ? Long.MIN_VALUE : values[i]) < 0
                        : unique ? Arrays.compareUnsigned(lastKey, key) < 0
                                 : Node.compare(lastKey, lastValue, key, values[i]) < 0;
                if (!after) {
                    break;
                }
                if (edit == null) {
                    edit = log.begin(xid);
                }
                Node.insert(edit.write(leaf.page), n + appended, new Node.Cell(key, values[i], 0));
                used += size;
                appended++;
                lastKey = key;
                lastValue = values[i];
            }
            if (edit != null) {
                edit.commit();
            }
            return appended;
        } finally {
            leaf.release();
        }
    }

    /** Remembers a leaf an insert reached if it is the rightmost one. */
    private void noteRightmost(Latched leaf) {
        if (Node.right(leaf.data()) == 0 && rightmostLeafHint != leaf.pageNo()) {
            rightmostLeafHint = leaf.pageNo();
        }
    }

    /** Removes an entry from a leaf the caller holds exclusively; an under-full leaf waits for a later delete or vacuum to merge it. */
    private void removeLatched(Latched leaf, byte[] key, long value, long xid) {
        ByteBuffer b = leaf.data();
        int pos = Node.lowerBound(b, key, value);
        if (pos < Node.count(b) && Node.compareAt(b, pos, key, value) == 0) {
            PageEdit edit = log.begin(xid);
            Node.remove(edit.write(leaf.page), pos);
            edit.commit();
        }
    }

    /** Removes an entry; false if it was not there. */
    public boolean delete(byte[] key, long value, long xid) {
        boolean underflow;
        Path p = descend(key, value, LE, 0, 0, false);
        try {
            ByteBuffer b = p.node.data();
            int pos = Node.lowerBound(b, key, value);
            if (pos == Node.count(b) || Node.compareAt(b, pos, key, value) != 0) {
                return false;
            }
            PageEdit edit = log.begin(xid);
            Node.remove(edit.write(p.node.page), pos);
            edit.commit();
            underflow = !Node.isRoot(b) && underflows(b);
        } finally {
            p.release();
        }
        if (underflow) {
            restructure.rebalance(key, value);
        }
        return true;
    }

    /**
     * Starts removing every entry whose value {@code doomed} picks, leaf by leaf (vacuum's index
     * pass, see {@link BulkDelete}); call {@link BulkDelete#step} until it returns false.
     */
    public BulkDelete bulkDelete(LongPredicate doomed) {
        return new BulkDelete(this, doomed);
    }

    /**
     * Scans the entries whose key lies between the bounds (a null bound is open), ascending or
     * descending by (key, value). Entries inserted or deleted during the scan may or may not be
     * seen; an entry present throughout is returned exactly once.
     */
    public Cursor scan(byte[] low, boolean lowInclusive, byte[] high, boolean highInclusive, boolean descending) {
        return new RangeCursor(this, low, lowInclusive, high, highInclusive, descending);
    }

    /** All entries with exactly this key, in value order. */
    public Cursor scanKey(byte[] key) {
        return scan(key, true, key, true, false);
    }

    // ---- internals shared with Restructure and RangeCursor ----------------------------------

    /** Returns the leaf cell size of an entry with this key, or throws 54000 if it is too large. */
    private int checkKey(byte[] key) {
        if (key.length > maxKeyLength) {
            int entry = key.length + Node.LEAF_OVERHEAD - 2;
            int max = maxKeyLength + Node.LEAF_OVERHEAD - 2;
            throw DbException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "index row size %d exceeds btree maximum, %d", entry, max)
                    .withHint("Values larger than 1/4 of a buffer page cannot be indexed.\n"
                            + "Consider a function index of an MD5 hash of the value, or use full text indexing.");
        }
        return key.length + Node.LEAF_OVERHEAD;
    }

    /** Merges or refills the under-full node where (key, value) belongs, level by level upwards. */
    void rebalance(byte[] key, long value) {
        restructure.rebalance(key, value);
    }

    /** True if a non-root node is too empty: merge it with a sibling or borrow from one. */
    boolean underflows(ByteBuffer b) {
        return Node.count(b) == 0 || Node.used(b) < capacity / 4;
    }

    Latched latch(int pageNo, boolean exclusive) {
        return latched(cache.pin(new PageId(fileId, pageNo)), exclusive);
    }

    /**
     * Latches an inner node (or the root) on the descent, re-pinning the frame it was found in
     * last time when that still holds it: the top of a tree is read by every lookup, and the page
     * table's lookup is most of a pin's cost.
     */
    private Latched latchUpper(int pageNo, boolean exclusive) {
        int slot = pageNo & (upperFrames.length - 1);
        Page page = cache.pin(new PageId(fileId, pageNo), upperFrames[slot]);
        upperFrames[slot] = page;
        return latched(page, exclusive);
    }

    private static Latched latched(Page page, boolean exclusive) {
        try {
            if (exclusive) {
                page.latchExclusive();
            } else {
                page.latchShared();
            }
        } catch (RuntimeException e) {
            page.close();
            throw e;
        }
        return new Latched(page, exclusive);
    }

    /** Latches a leaf's sibling (or a free-list page) and checks its type. */
    Latched latchSibling(int pageNo, boolean exclusive) {
        return latchChecked(pageNo, exclusive, PageLayout.TYPE_BTREE_LEAF, 0);
    }

    /** Latches a page and verifies it is a node of the expected type and level; XX001 if not. */
    Latched latchChecked(int pageNo, boolean exclusive, byte type, int level) {
        return latchChecked(pageNo, exclusive, type, level, false);
    }

    /** As {@link #latchChecked(int, boolean, byte, int)}; {@code upper}: an inner node, see {@link #latchUpper}. */
    private Latched latchChecked(int pageNo, boolean exclusive, byte type, int level, boolean upper) {
        if (pageNo <= 0) {
            throw corrupted(pageNo, "a link points to block " + pageNo);
        }
        Latched l = upper ? latchUpper(pageNo, exclusive) : latch(pageNo, exclusive);
        ByteBuffer b = l.data();
        if (PageLayout.type(b) != type || (type != PageLayout.TYPE_FREE && Node.level(b) != level)) {
            l.release();
            throw corrupted(pageNo, "expected a " + typeName(type) + " at level " + level + ", found type "
                    + PageLayout.type(b));
        }
        return l;
    }

    DbException corrupted(int pageNo, String what) {
        return DbException.of(SqlState.DATA_CORRUPTED,
                "invalid B+tree page in block " + pageNo + " of relation file base/" + fileId + ": " + what);
    }

    private static String typeName(byte type) {
        return switch (type) {
            case PageLayout.TYPE_BTREE_LEAF -> "leaf";
            case PageLayout.TYPE_BTREE_INNER -> "inner node";
            default -> "free page";
        };
    }

    void setRootHint(int root, int level) {
        rootHint = root;
        rootLevelHint = level;
    }

    /**
     * Latches the root, exclusively if its level is at most {@code xLevel}. The hint is checked
     * against the root flag after latching, and refreshed from the meta page if stale.
     */
    private Latched latchRoot(int xLevel) {
        int misses = 0;
        while (true) {
            boolean exclusive = rootLevelHint <= xLevel;
            Latched l = latchUpper(rootHint, exclusive);
            ByteBuffer b = l.data();
            if (Node.isNode(b) && Node.isRoot(b)) {
                int level = Node.level(b);
                if ((level <= xLevel) == exclusive) {
                    return l;
                }
                rootLevelHint = level;
                l.release();
                continue;
            }
            l.release();
            Latched meta = latch(0, false);
            try {
                MetaPage.verify(meta.data(), fileId);
                setRootHint(MetaPage.root(meta.data()), MetaPage.height(meta.data()) - 1);
            } finally {
                meta.release();
            }
            if (++misses > 1000) {
                throw corrupted(rootHint, "the meta page's root is not a root node");
            }
        }
    }

    /** The result of a descent: the node reached, and its parent if asked for (else null). */
    static final class Path {
        final Latched parent;
        final Latched node;
        /** The node's child index in its parent (0 = leftmost), -1 for the root. */
        final int index;
        /** The separator bounding the node from below (inclusive), null if it is leftmost or not asked for. */
        final Node.Cell lowFence;

        Path(Latched parent, Latched node, int index, Node.Cell lowFence) {
            this.parent = parent;
            this.node = node;
            this.index = index;
            this.lowFence = lowFence;
        }

        void release() {
            node.release();
            if (parent != null) {
                parent.release();
            }
        }
    }

    /**
     * Descends from the root to the node at {@code level} whose range holds the target: in mode LE
     * the child holding (key, value), in LT the child holding the greatest entry below it, or the
     * leftmost/rightmost child. Nodes at levels up to {@code xLevel} are latched exclusively, the
     * others shared. With {@code keepParent} the parent stays latched too. Returns null if the
     * tree has no such level.
     */
    Path descend(byte[] key, long value, int mode, int level, int xLevel, boolean keepParent) {
        return descend(key, value, mode, level, xLevel, keepParent, false);
    }

    /** {@link #descend}, the path's {@link Path#lowFence} copied only when {@code wantFence} (a copy per level). */
    Path descend(byte[] key, long value, int mode, int level, int xLevel, boolean keepParent, boolean wantFence) {
        long[] words = key == null ? null : Node.words(key); // once for every level's search
        Latched cur = latchRoot(xLevel);
        Latched parent = null;
        int index = -1;
        Node.Cell lowFence = null;
        try {
            if (Node.level(cur.data()) < level) {
                cur.release();
                return null;
            }
            while (Node.level(cur.data()) > level) {
                ByteBuffer b = cur.data();
                int idx = switch (mode) {
                    case LE -> Node.upperBound(b, key, words, value);
                    case LT -> Node.lowerBound(b, key, words, value);
                    case LEFTMOST -> 0;
                    default -> Node.count(b);
                };
                if (idx > 0 && wantFence) {
                    lowFence = Node.cell(b, idx - 1);
                }
                int childLevel = Node.level(b) - 1;
                byte type = childLevel == 0 ? PageLayout.TYPE_BTREE_LEAF : PageLayout.TYPE_BTREE_INNER;
                Latched child = latchChecked(Node.child(b, idx), childLevel <= xLevel, type, childLevel,
                        childLevel > 0);
                if (parent != null) {
                    parent.release();
                    parent = null;
                }
                if (keepParent) {
                    parent = cur;
                } else {
                    cur.release();
                }
                cur = child;
                index = idx;
            }
            return new Path(parent, cur, index, lowFence);
        } catch (RuntimeException e) {
            cur.release();
            if (parent != null) {
                parent.release();
            }
            throw e;
        }
    }
}

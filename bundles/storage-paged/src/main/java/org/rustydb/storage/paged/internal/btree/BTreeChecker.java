package org.rustydb.storage.paged.internal.btree;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.storage.paged.internal.buffer.Page;
import org.rustydb.storage.paged.internal.buffer.PageCache;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;

/**
 * Verifies the invariants of a B+tree file and lists what is wrong (an empty list: all fine):
 * the meta page, page types and levels, the root flag, slot and cell bounds, (key, value) order
 * within each node, every entry within its parent's separator bounds, leaf high keys equal to
 * those bounds, all leaves at one depth, sibling links consistent both ways along the leaf
 * level, the free list (free pages, unreachable, counted right), no formatted node left
 * unreachable. {@link #entries} lists all entries in order, to compare an index with its table.
 *
 * <p>Reads each page under a shared latch into a private copy, one page at a time, so it is
 * meant for a tree without concurrent writers (else it may report changes as problems).
 */
public final class BTreeChecker {
    private final PageCache cache;
    private final int fileId;
    private final List<String> problems = new ArrayList<>();
    private final List<Integer> leaves = new ArrayList<>();
    private BitSet reachable;
    private int pageCount;

    public BTreeChecker(PageCache cache, int fileId) {
        this.cache = cache;
        this.fileId = fileId;
    }

    /** Checks the whole tree; returns the problems found, empty if none. */
    public List<String> check() {
        problems.clear();
        leaves.clear();
        pageCount = cache.pageCount(fileId);
        reachable = new BitSet(pageCount);
        ByteBuffer meta;
        try {
            meta = snapshot(0);
            MetaPage.verify(meta, fileId);
        } catch (DbException e) {
            problems.add("meta page: " + e.getMessage());
            return List.copyOf(problems);
        }
        reachable.set(0);
        int root = MetaPage.root(meta);
        int height = MetaPage.height(meta);
        if (height < 1) {
            problems.add("meta page: height " + height);
        } else {
            node(root, height - 1, null, null, true);
        }
        checkLeafChain();
        checkFreeList(MetaPage.freeHead(meta), MetaPage.freeCount(meta));
        checkUnreachable();
        return List.copyOf(problems);
    }

    /** All entries in order, read along the leaf chain. */
    public List<BTree.Entry> entries() {
        pageCount = cache.pageCount(fileId);
        ByteBuffer meta = snapshot(0);
        MetaPage.verify(meta, fileId);
        int page = MetaPage.root(meta);
        ByteBuffer b = snapshot(page);
        while (Node.isNode(b) && !Node.isLeaf(b)) {
            page = Node.child(b, 0);
            b = snapshot(page);
        }
        List<BTree.Entry> out = new ArrayList<>();
        for (int steps = 0; steps < pageCount; steps++) {
            for (int i = 0; i < Node.count(b); i++) {
                out.add(new BTree.Entry(Node.key(b, i), Node.value(b, i)));
            }
            int right = Node.right(b);
            if (right == 0) {
                return out;
            }
            b = snapshot(right);
        }
        throw new IllegalStateException("leaf chain of file " + fileId + " has a cycle");
    }

    private void node(int pageNo, int level, Node.Cell low, Node.Cell high, boolean root) {
        String where = "page " + pageNo;
        if (pageNo <= 0 || pageNo >= pageCount) {
            problems.add(where + ": referenced but outside the file (" + pageCount + " pages)");
            return;
        }
        if (reachable.get(pageNo)) {
            problems.add(where + ": reachable twice");
            return;
        }
        reachable.set(pageNo);
        ByteBuffer b;
        try {
            b = snapshot(pageNo);
        } catch (DbException e) {
            problems.add(where + ": " + e.getMessage());
            return;
        }
        byte expectedType = level == 0 ? PageLayout.TYPE_BTREE_LEAF : PageLayout.TYPE_BTREE_INNER;
        if (PageLayout.type(b) != expectedType) {
            problems.add(where + ": type " + PageLayout.type(b) + ", expected " + expectedType);
            return;
        }
        if (Node.level(b) != level) {
            problems.add(where + ": level " + Node.level(b) + ", expected " + level + " (leaves at different depths)");
            return;
        }
        if (Node.isRoot(b) != root) {
            problems.add(where + (root ? ": the root lacks the root flag" : ": has the root flag but is not the root"));
        }
        if (!layoutOk(b, where)) {
            return;
        }
        int n = Node.count(b);
        List<Node.Cell> cells = Node.cells(b);
        for (int i = 0; i < n; i++) {
            Node.Cell c = cells.get(i);
            if (i > 0 && compare(cells.get(i - 1), c) >= 0) {
                problems.add(where + ": cell " + i + " is not above cell " + (i - 1));
            }
            if (low != null && compare(c, low) < 0) {
                problems.add(where + ": cell " + i + " is below the parent's lower bound");
            }
            if (high != null && compare(c, high) >= 0) {
                problems.add(where + ": cell " + i + " is not below the parent's upper bound");
            }
        }
        if (level == 0) {
            Node.Cell h = Node.highKey(b);
            if (h == null ? high != null : high == null || compare(h, high) != 0) {
                problems.add(where + ": leaf high key differs from the parent's upper bound");
            }
            leaves.add(pageNo);
            return;
        }
        if (Node.right(b) != 0) {
            problems.add(where + ": inner node with a right link");
        }
        for (int i = 0; i <= n; i++) {
            Node.Cell lo = i == 0 ? low : cells.get(i - 1);
            Node.Cell hi = i == n ? high : cells.get(i);
            node(Node.child(b, i), level - 1, lo, hi, false);
        }
    }

    private boolean layoutOk(ByteBuffer b, String where) {
        int n = Node.count(b);
        int cellStart = b.getShort(Node.CELL_START);
        if (n < 0 || cellStart < Node.SLOTS + 2 * n || cellStart > PageLayout.PAGE_SIZE) {
            problems.add(where + ": " + n + " slots overlap the cells starting at " + cellStart);
            return false;
        }
        int cellBytes = Node.isLeaf(b) ? 10 : 14;
        for (int i = 0; i < n; i++) {
            int off = Node.cellOffset(b, i);
            if (off < cellStart || off + 2 > PageLayout.PAGE_SIZE
                    || off + cellBytes + b.getShort(off) > PageLayout.PAGE_SIZE || b.getShort(off) < 0) {
                problems.add(where + ": cell " + i + " at " + off + " is outside the cell area");
                return false;
            }
        }
        int highOff = b.getShort(Node.HIGH);
        if (highOff != 0 && (!Node.isLeaf(b) || highOff < cellStart || highOff + 10 + b.getShort(highOff) > PageLayout.PAGE_SIZE)) {
            problems.add(where + ": bad high key offset " + highOff);
            return false;
        }
        if (Node.used(b) > Node.MAX_CAPACITY) {
            problems.add(where + ": uses " + Node.used(b) + " bytes");
        }
        return true;
    }

    private void checkLeafChain() {
        for (int i = 0; i < leaves.size(); i++) {
            int page = leaves.get(i);
            ByteBuffer b = snapshot(page);
            int expectLeft = i == 0 ? 0 : leaves.get(i - 1);
            int expectRight = i == leaves.size() - 1 ? 0 : leaves.get(i + 1);
            if (Node.left(b) != expectLeft) {
                problems.add("page " + page + ": left link " + Node.left(b) + ", expected " + expectLeft);
            }
            if (Node.right(b) != expectRight) {
                problems.add("page " + page + ": right link " + Node.right(b) + ", expected " + expectRight);
            }
        }
    }

    private void checkFreeList(int head, int count) {
        int seen = 0;
        BitSet free = new BitSet();
        for (int page = head; page != 0; seen++) {
            if (page < 0 || page >= pageCount || free.get(page)) {
                problems.add("free list: bad or repeated page " + page);
                return;
            }
            if (reachable.get(page)) {
                problems.add("free list: page " + page + " is in use by the tree");
            }
            free.set(page);
            ByteBuffer b = snapshot(page);
            if (PageLayout.type(b) != PageLayout.TYPE_FREE) {
                problems.add("free list: page " + page + " has type " + PageLayout.type(b));
                return;
            }
            page = b.getInt(MetaPage.FREE_NEXT_OFF);
        }
        if (seen != count) {
            problems.add("free list: " + seen + " pages, the meta page counts " + count);
        }
        reachable.or(free);
    }

    private void checkUnreachable() {
        for (int page = reachable.nextClearBit(1); page < pageCount; page = reachable.nextClearBit(page + 1)) {
            ByteBuffer b = snapshot(page);
            if (Node.isNode(b)) {
                problems.add("page " + page + ": a node neither in the tree nor free (leaked)");
            }
        }
    }

    private static int compare(Node.Cell a, Node.Cell b) {
        return Node.compare(a.key(), a.value(), b.key(), b.value());
    }

    /** A copy of a page read under its shared latch. */
    private ByteBuffer snapshot(int pageNo) {
        try (Page page = cache.pin(new PageId(fileId, pageNo))) {
            byte[] copy = new byte[PageLayout.PAGE_SIZE];
            page.latchShared();
            try {
                Node.read(page.data(), 0, copy);
            } finally {
                page.unlatchShared();
            }
            return ByteBuffer.wrap(copy).order(page.data().order());
        }
    }
}

package org.rustydb.storage.paged.internal.btree;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.rustydb.storage.paged.internal.buffer.Page;
import org.rustydb.storage.paged.internal.log.PageEdit;
import org.rustydb.storage.paged.internal.page.PageLayout;
import org.rustydb.storage.paged.internal.page.PageWriter;

/**
 * Structure modifications of a {@link BTree}: splits, merges, borrows, root growth and collapse.
 * Each works on one level at a time: it descends with exclusive latches on just the node and its
 * parent (shared above), changes the node, a sibling, the parent and maybe the meta page in one
 * {@link PageEdit} logged with xid 0, and releases. A split whose parent is full first splits the
 * parent (recursively) and retries; a merge that leaves the parent under-full then rebalances the
 * parent in a new pass. Every edit leaves a valid tree, so a crash between passes is harmless.
 *
 * <p>A borrow that would overflow the parent with a longer separator is skipped, leaving the node
 * under-full (still valid), as is an inner node that lost its last separator under a full parent.
 */
final class Restructure {
    private final BTree tree;

    Restructure(BTree tree) {
        this.tree = tree;
    }

    /** Makes room for {@code need} bytes in the leaf where (key, value) belongs, splitting if needed. */
    void makeRoom(byte[] key, long value, int need) {
        makeRoom(0, key, value, need);
    }

    private void makeRoom(int level, byte[] key, long value, int need) {
        while (true) {
            int parentNeed;
            BTree.Path p = tree.descend(key, value, BTree.LE, level, level + 1, true);
            if (p == null) {
                return;
            }
            try {
                ByteBuffer b = p.node.data();
                if (Node.used(b) + need <= tree.capacity) {
                    return;
                }
                Split s = plan(b, appendsAtEnd(b, key, value) ? RIGHTMOST_LEFT_SHARE : 0.5);
                if (p.parent == null) {
                    splitRoot(p.node, s);
                    return;
                }
                parentNeed = s.separator.size(false);
                if (Node.used(p.parent.data()) + parentNeed <= tree.capacity) {
                    splitChild(p, s);
                    return;
                }
            } finally {
                p.release();
            }
            makeRoom(level + 1, key, value, parentNeed);
        }
    }

    /** How a node splits: left and right cells, the separator for the parent. */
    private record Split(int level, List<Node.Cell> left, List<Node.Cell> right, Node.Cell separator,
                         int rightLeftmost, Node.Cell high) {
    }

    /**
     * How full a rightmost leaf split leaves the left half when the new entry goes past the last
     * one: ascending keys never come back to the left half, so an even split would leave every
     * leaf half empty (PostgreSQL's nbtree splits its rightmost page 90/10 for the same reason).
     */
    static final double RIGHTMOST_LEFT_SHARE = 0.9;

    /** True for the rightmost leaf when (key, value) sorts after all its entries. */
    private static boolean appendsAtEnd(ByteBuffer b, byte[] key, long value) {
        int n = Node.count(b);
        return Node.isLeaf(b) && Node.right(b) == 0 && n > 0 && Node.compareAt(b, n - 1, key, value) < 0;
    }

    /** Plans a split whose left half holds about {@code leftShare} of the bytes (leaves; inner nodes split evenly). */
    private Split plan(ByteBuffer b, double leftShare) {
        int level = Node.level(b);
        boolean leaf = level == 0;
        List<Node.Cell> cells = Node.cells(b);
        int n = cells.size();
        if (n < (leaf ? 2 : 3)) {
            throw new IllegalStateException("cannot split a node of " + n + " cells");
        }
        Node.Cell high = leaf ? Node.highKey(b) : null;
        // leaf: left = [0, m), right = [m, n); inner: left = [0, m), up = m, right = (m, n)
        int m = balance(cells, leaf, 1, leaf ? n - 1 : n - 2, leaf ? leftShare : 0.5);
        if (leaf) {
            Node.Cell sep = separator(cells.get(m - 1), cells.get(m));
            Split s = new Split(0, cells.subList(0, m), cells.subList(m, n), sep, 0, high);
            checkFits(Node.sizeOf(s.left, true, sep), Node.sizeOf(s.right, true, high));
            return s;
        }
        Node.Cell up = cells.get(m);
        Split s = new Split(level, cells.subList(0, m), cells.subList(m + 1, n), up, up.child(), null);
        checkFits(Node.sizeOf(s.left, false, null), Node.sizeOf(s.right, false, null));
        return s;
    }

    /** The split index in [lo, hi] that puts closest to {@code leftShare} of the bytes on the left. */
    private static int balance(List<Node.Cell> cells, boolean leaf, int lo, int hi, double leftShare) {
        int total = 0;
        for (Node.Cell c : cells) {
            total += c.size(leaf);
        }
        int best = lo;
        double bestDiff = Double.MAX_VALUE;
        int before = 0;
        for (int m = 0; m <= hi; m++) {
            if (m >= lo) {
                int after = total - before - (leaf ? 0 : cells.get(m).size(false));
                double diff = Math.abs((1 - leftShare) * before - leftShare * after);
                if (diff < bestDiff) {
                    bestDiff = diff;
                    best = m;
                }
            }
            before += cells.get(m).size(leaf);
        }
        return best;
    }

    /**
     * The shortest separator s with a &lt; s &lt;= b (suffix truncation): a prefix of b's key
     * one byte longer than the common prefix, paired with the smallest value; b itself when the
     * keys are equal or no shorter prefix exists.
     */
    static Node.Cell separator(Node.Cell a, Node.Cell b) {
        int mismatch = Arrays.mismatch(a.key(), b.key());
        if (mismatch < 0) {
            return new Node.Cell(b.key(), b.value(), 0);
        }
        byte[] prefix = Arrays.copyOf(b.key(), mismatch + 1);
        return new Node.Cell(prefix, prefix.length == b.key().length ? b.value() : Long.MIN_VALUE, 0);
    }

    private void checkFits(int... sizes) {
        for (int size : sizes) {
            if (size > tree.capacity) {
                throw new IllegalStateException("split half of " + size + " bytes exceeds " + tree.capacity);
            }
        }
    }

    /** Splits a non-root node: a new right sibling and a separator in the parent. */
    private void splitChild(BTree.Path p, Split s) {
        List<Latched> held = new ArrayList<>();
        try {
            ByteBuffer b = p.node.data();
            boolean leaf = s.level == 0;
            Latched oldRight = null;
            if (leaf && Node.right(b) != 0) {
                oldRight = tree.latchSibling(Node.right(b), true);
                held.add(oldRight);
            }
            Latched meta = tree.latch(0, true);
            held.add(meta);
            Allocation alloc = allocate(meta, 1, held);
            Latched right = alloc.pages.get(0);
            PageEdit edit = tree.log.begin(0);
            writeHalves(edit, p.node, right, s, Node.left(b), oldRight == null ? 0 : oldRight.pageNo());
            if (oldRight != null) {
                Node.setLeft(edit.write(oldRight.page), right.pageNo());
            }
            Node.insert(edit.write(p.parent.page), p.index, s.separator.withChild(right.pageNo()));
            writeFreeList(edit, meta, alloc);
            edit.commit();
        } finally {
            releaseAll(held);
        }
    }

    /** Splits the root: it becomes the left half under a new root one level up. */
    private void splitRoot(Latched root, Split s) {
        List<Latched> held = new ArrayList<>();
        try {
            Latched meta = tree.latch(0, true);
            held.add(meta);
            Allocation alloc = allocate(meta, 2, held);
            Latched right = alloc.pages.get(0);
            Latched newRoot = alloc.pages.get(1);
            PageEdit edit = tree.log.begin(0);
            writeHalves(edit, root, right, s, 0, 0);
            Node.setRoot(edit.write(root.page), false);
            PageWriter w = edit.write(newRoot.page);
            w.format(PageLayout.TYPE_BTREE_INNER);
            Node.rebuild(w, s.level + 1, root.pageNo(), 0, null, List.of(s.separator.withChild(right.pageNo())));
            Node.setRoot(w, true);
            MetaPage.setRoot(edit.write(meta.page), newRoot.pageNo(), s.level + 2);
            writeFreeList(edit, meta, alloc);
            edit.commit();
            tree.setRootHint(newRoot.pageNo(), s.level + 1);
        } finally {
            releaseAll(held);
        }
    }

    /** Writes the two halves of a split into the node and its new right sibling. */
    private void writeHalves(PageEdit edit, Latched node, Latched right, Split s, int leftSibling, int oldRight) {
        PageWriter rw = edit.write(right.page);
        PageWriter nw = edit.write(node.page);
        if (s.level == 0) {
            rw.format(PageLayout.TYPE_BTREE_LEAF);
            Node.rebuild(rw, 0, node.pageNo(), oldRight, s.high, s.right);
            Node.rebuild(nw, 0, leftSibling, right.pageNo(), s.separator, s.left);
        } else {
            int leftmost = Node.left(node.data());
            rw.format(PageLayout.TYPE_BTREE_INNER);
            Node.rebuild(rw, s.level, s.rightLeftmost, 0, null, s.right);
            Node.rebuild(nw, s.level, leftmost, 0, null, s.left);
        }
    }

    /** Rebalances after a delete left the leaf holding (key, value) under-full, level by level. */
    void rebalance(byte[] key, long value) {
        for (int level = 0; rebalanceLevel(level, key, value); level++) {
            // each pass may leave the parent under-full: go on one level up
        }
    }

    /** One pass; true if the parent lost a separator and may need a pass of its own. */
    private boolean rebalanceLevel(int level, byte[] key, long value) {
        BTree.Path p = tree.descend(key, value, BTree.LE, level, level + 1, true);
        if (p == null) {
            return false;
        }
        List<Latched> held = new ArrayList<>();
        held.add(p.node);
        if (p.parent != null) {
            held.add(p.parent);
        }
        try {
            ByteBuffer b = p.node.data();
            if (p.parent == null) {
                if (level > 0 && Node.count(b) == 0) {
                    collapseRoot(p.node, held);
                }
                return false;
            }
            ByteBuffer pb = p.parent.data();
            int separators = Node.count(pb);
            if (!tree.underflows(b) || separators == 0) {
                return false;
            }
            byte type = level == 0 ? PageLayout.TYPE_BTREE_LEAF : PageLayout.TYPE_BTREE_INNER;
            Latched a;
            Latched c;
            if (p.index < separators) {
                a = p.node;
                c = tree.latchChecked(Node.child(pb, p.index + 1), true, type, level);
                held.add(c);
            } else {
                // the left sibling comes first in the latch order: let go of the node, then take
                // both left to right; holding the parent keeps both in place meanwhile
                p.node.release();
                a = tree.latchChecked(Node.child(pb, p.index - 1), true, type, level);
                held.add(a);
                c = tree.latchChecked(Node.child(pb, p.index), true, type, level);
                held.add(c);
                if (!tree.underflows(c.data())) {
                    return false;
                }
            }
            int sepIndex = a == p.node ? p.index : p.index - 1;
            return level == 0 ? mergeLeaves(p.parent, a, c, sepIndex, held) : mergeInner(p.parent, a, c, sepIndex, held);
        } finally {
            releaseAll(held);
        }
    }

    /** Merges leaf b into its left sibling a, or moves entries between them if both won't fit. */
    private boolean mergeLeaves(Latched parent, Latched a, Latched b, int sepIndex, List<Latched> held) {
        ByteBuffer ab = a.data();
        ByteBuffer bb = b.data();
        List<Node.Cell> cells = new ArrayList<>(Node.cells(ab));
        cells.addAll(Node.cells(bb));
        Node.Cell bHigh = Node.highKey(bb);
        if (Node.sizeOf(cells, true, bHigh) <= tree.capacity) {
            int next = Node.right(bb);
            Latched nextLeaf = null;
            if (next != 0) {
                nextLeaf = tree.latchSibling(next, true);
                held.add(nextLeaf);
            }
            Latched meta = tree.latch(0, true);
            held.add(meta);
            PageEdit edit = tree.log.begin(0);
            Node.rebuild(edit.write(a.page), 0, Node.left(ab), next, bHigh, cells);
            if (nextLeaf != null) {
                Node.setLeft(edit.write(nextLeaf.page), a.pageNo());
            }
            Node.remove(edit.write(parent.page), sepIndex);
            free(edit, meta, b);
            edit.commit();
            return parentNeedsPass(parent);
        }
        if (cells.size() < 2) {
            return false;
        }
        int m = balance(cells, true, 1, cells.size() - 1, 0.5);
        Node.Cell sep = separator(cells.get(m - 1), cells.get(m));
        List<Node.Cell> left = cells.subList(0, m);
        List<Node.Cell> right = cells.subList(m, cells.size());
        if (!replaceFits(parent, sepIndex, sep) || Node.sizeOf(left, true, sep) > tree.capacity
                || Node.sizeOf(right, true, bHigh) > tree.capacity) {
            return false;
        }
        PageEdit edit = tree.log.begin(0);
        Node.rebuild(edit.write(a.page), 0, Node.left(ab), b.pageNo(), sep, left);
        Node.rebuild(edit.write(b.page), 0, a.pageNo(), Node.right(bb), bHigh, right);
        replaceSeparator(edit, parent, sepIndex, sep.withChild(b.pageNo()));
        edit.commit();
        return false;
    }

    /** Merges inner node b into its left sibling a (pulling down the separator), or redistributes. */
    private boolean mergeInner(Latched parent, Latched a, Latched b, int sepIndex, List<Latched> held) {
        ByteBuffer ab = a.data();
        ByteBuffer bb = b.data();
        int level = Node.level(ab);
        Node.Cell sep = Node.cell(parent.data(), sepIndex);
        List<Node.Cell> cells = new ArrayList<>(Node.cells(ab));
        cells.add(sep.withChild(Node.left(bb)));
        cells.addAll(Node.cells(bb));
        if (Node.sizeOf(cells, false, null) <= tree.capacity) {
            Latched meta = tree.latch(0, true);
            held.add(meta);
            PageEdit edit = tree.log.begin(0);
            Node.rebuild(edit.write(a.page), level, Node.left(ab), 0, null, cells);
            Node.remove(edit.write(parent.page), sepIndex);
            free(edit, meta, b);
            edit.commit();
            return parentNeedsPass(parent);
        }
        if (cells.size() < 3) {
            return false;
        }
        int m = balance(cells, false, 1, cells.size() - 2, 0.5);
        Node.Cell up = cells.get(m);
        List<Node.Cell> left = cells.subList(0, m);
        List<Node.Cell> right = cells.subList(m + 1, cells.size());
        if (!replaceFits(parent, sepIndex, up) || Node.sizeOf(left, false, null) > tree.capacity
                || Node.sizeOf(right, false, null) > tree.capacity) {
            return false;
        }
        PageEdit edit = tree.log.begin(0);
        Node.rebuild(edit.write(a.page), level, Node.left(ab), 0, null, left);
        Node.rebuild(edit.write(b.page), level, up.child(), 0, null, right);
        replaceSeparator(edit, parent, sepIndex, up.withChild(b.pageNo()));
        edit.commit();
        return false;
    }

    private boolean parentNeedsPass(Latched parent) {
        ByteBuffer pb = parent.data();
        return Node.isRoot(pb) ? Node.count(pb) == 0 : tree.underflows(pb);
    }

    private boolean replaceFits(Latched parent, int sepIndex, Node.Cell sep) {
        ByteBuffer pb = parent.data();
        int old = Node.key(pb, sepIndex).length;
        return Node.used(pb) - old + sep.key().length <= tree.capacity;
    }

    private void replaceSeparator(PageEdit edit, Latched parent, int sepIndex, Node.Cell sep) {
        PageWriter w = edit.write(parent.page);
        Node.remove(w, sepIndex);
        Node.insert(w, sepIndex, sep);
    }

    /** Replaces a root that has a single child by that child, one level down. */
    private void collapseRoot(Latched root, List<Latched> held) {
        int level = Node.level(root.data());
        byte type = level == 1 ? PageLayout.TYPE_BTREE_LEAF : PageLayout.TYPE_BTREE_INNER;
        Latched child = tree.latchChecked(Node.left(root.data()), true, type, level - 1);
        held.add(child);
        Latched meta = tree.latch(0, true);
        held.add(meta);
        PageEdit edit = tree.log.begin(0);
        Node.setRoot(edit.write(child.page), true);
        MetaPage.setRoot(edit.write(meta.page), child.pageNo(), level);
        free(edit, meta, root);
        edit.commit();
        tree.setRootHint(child.pageNo(), level - 1);
    }

    // ---- free-page list (under the meta page's exclusive latch) -----------------------------

    /** Pages taken for a split, and the free list as it is to be written to the meta page. */
    private record Allocation(List<Latched> pages, int freeHead, int freeCount) {
    }

    /**
     * Takes {@code n} pages, latched exclusively and added to {@code held}: reused free pages
     * first, then new pages at the end of the file. Nothing is written yet.
     */
    private Allocation allocate(Latched meta, int n, List<Latched> held) {
        ByteBuffer mb = meta.data();
        int head = MetaPage.freeHead(mb);
        int count = MetaPage.freeCount(mb);
        List<Latched> pages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Latched l;
            if (head != 0) {
                l = tree.latchChecked(head, true, PageLayout.TYPE_FREE, 0);
                head = l.data().getInt(MetaPage.FREE_NEXT_OFF);
                count--;
            } else {
                Page page = tree.cache.allocate(tree.fileId);
                try {
                    page.latchExclusive();
                } catch (RuntimeException e) {
                    page.close();
                    throw e;
                }
                l = new Latched(page, true);
            }
            held.add(l);
            pages.add(l);
        }
        return new Allocation(pages, head, count);
    }

    private void free(PageEdit edit, Latched meta, Latched page) {
        ByteBuffer mb = meta.data();
        PageWriter w = edit.write(page.page);
        w.format(PageLayout.TYPE_FREE);
        w.putInt(MetaPage.FREE_NEXT_OFF, MetaPage.freeHead(mb));
        MetaPage.setFreeList(edit.write(meta.page), page.pageNo(), MetaPage.freeCount(mb) + 1);
    }

    private void writeFreeList(PageEdit edit, Latched meta, Allocation a) {
        ByteBuffer mb = meta.data();
        if (a.freeHead != MetaPage.freeHead(mb) || a.freeCount != MetaPage.freeCount(mb)) {
            MetaPage.setFreeList(edit.write(meta.page), a.freeHead, a.freeCount);
        }
    }

    private static void releaseAll(List<Latched> held) {
        RuntimeException failure = null;
        for (int i = held.size() - 1; i >= 0; i--) {
            try {
                held.get(i).release();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}

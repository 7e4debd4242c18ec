package org.rustydb.storage.paged.internal.btree;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.rustydb.storage.paged.internal.page.PageLayout;

/**
 * A range scan over a {@link BTree} that holds no latch or pin between calls, so a slow consumer
 * never blocks writers. It copies the matching entries of one leaf under its shared latch, then
 * serves them; the next batch continues strictly after the last entry copied:
 * <ul>
 * <li>forward, if that leaf is unchanged (same page LSN, so the same content and right link),
 * by latching its right sibling; otherwise by descending again to the first entry after it;</li>
 * <li>backward, always by descending again to the last entry before it (following left links
 * would latch right to left, against the latch order), stepping to the leaf's lower fence when the
 * leaf reached holds nothing smaller.</li>
 * </ul>
 * Each batch is read at one instant, and each continues from an exact (key, value) position, so
 * an entry present during the whole scan is returned exactly once.
 */
final class RangeCursor implements BTree.Cursor {
    private final BTree tree;
    private final byte[] low;
    private final boolean lowInclusive;
    private final byte[] high;
    private final boolean highInclusive;
    private final boolean descending;

    private byte[][] keys = new byte[0][];
    private long[] values = new long[0];
    private int size;
    private int pos = -1;
    private boolean started;
    /** No batches after the current one. */
    private boolean exhausted;
    private boolean closed;
    /** Forward scans: the leaf the last batch came from and its LSN then. */
    private int batchPage;
    private long batchLsn;
    private byte[] lastKey;
    private long lastValue;

    RangeCursor(BTree tree, byte[] low, boolean lowInclusive, byte[] high, boolean highInclusive, boolean descending) {
        this.tree = tree;
        this.low = low;
        this.lowInclusive = lowInclusive;
        this.high = high;
        this.highInclusive = highInclusive;
        this.descending = descending;
    }

    @Override
    public boolean next() {
        if (closed) {
            throw new IllegalStateException("cursor is closed");
        }
        while (true) {
            if (pos + 1 < size) {
                pos++;
                lastKey = keys[pos];
                lastValue = values[pos];
                return true;
            }
            if (exhausted) {
                size = 0;
                pos = -1;
                lastKey = null;
                return false;
            }
            size = 0;
            pos = -1;
            if (descending) {
                fetchBackward();
            } else {
                fetchForward();
            }
        }
    }

    @Override
    public byte[] key() {
        current();
        return lastKey;
    }

    @Override
    public long value() {
        current();
        return lastValue;
    }

    private void current() {
        if (closed || lastKey == null || pos < 0) {
            throw new IllegalStateException("cursor is not on an entry");
        }
    }

    @Override
    public void close() {
        closed = true;
        keys = null;
        values = null;
    }

    // ---- forward ------------------------------------------------------------------------------

    private void fetchForward() {
        if (started && fromSibling()) {
            return;
        }
        byte[] key;
        long value;
        int mode = BTree.LE;
        boolean strict;
        if (started) {
            key = lastKey;
            value = lastValue;
            strict = true;
        } else if (low == null) {
            key = null;
            value = 0;
            mode = BTree.LEFTMOST;
            strict = false;
        } else {
            key = low;
            value = lowInclusive ? Long.MIN_VALUE : Long.MAX_VALUE;
            strict = !lowInclusive;
        }
        started = true;
        BTree.Path p = tree.descend(key, value, mode, 0, -1, false);
        ByteBuffer b = p.node.data();
        int from = mode == BTree.LEFTMOST ? 0 : strict ? Node.upperBound(b, key, value) : Node.lowerBound(b, key, value);
        collectRightwards(p.node, from);
    }

    /** Continues from the right sibling of the last batch's leaf if that leaf did not change. */
    private boolean fromSibling() {
        Latched leaf = tree.latch(batchPage, false);
        ByteBuffer b = leaf.data();
        if (PageLayout.lsn(b) != batchLsn || PageLayout.type(b) != PageLayout.TYPE_BTREE_LEAF) {
            leaf.release();
            return false;
        }
        int right = Node.right(b);
        if (right == 0) {
            leaf.release();
            exhausted = true;
            return true;
        }
        Latched next;
        try {
            next = tree.latchSibling(right, false);
        } finally {
            leaf.release();
        }
        // all of the sibling is above the last entry; searching costs little and guards that
        collectRightwards(next, Node.upperBound(next.data(), lastKey, lastValue));
        return true;
    }

    /** Copies entries from {@code leaf} (latched shared; released here) onwards, moving right past empty leaves. */
    private void collectRightwards(Latched leaf, int from) {
        try {
            while (true) {
                ByteBuffer b = leaf.data();
                int n = Node.count(b);
                // the upper bound found by a search, so a point lookup copies its one entry only
                int end = Math.max(from, high == null ? n : highInclusive ? Node.upperBound(b, high, Long.MAX_VALUE)
                        : Node.lowerBound(b, high, Long.MIN_VALUE));
                ensure(end - from);
                for (int i = from; i < end; i++) {
                    add(Node.key(b, i), Node.value(b, i));
                }
                if (end < n) {
                    exhausted = true;
                    return;
                }
                int right = Node.right(b);
                if (right == 0) {
                    exhausted = true;
                    return;
                }
                if (size > 0) {
                    batchPage = leaf.pageNo();
                    batchLsn = PageLayout.lsn(b);
                    return;
                }
                Latched next = tree.latchSibling(right, false);
                leaf.release();
                leaf = next;
                from = 0;
            }
        } finally {
            leaf.release();
        }
    }

    // ---- backward -----------------------------------------------------------------------------

    private void fetchBackward() {
        byte[] key;
        long value;
        int mode;
        if (started) {
            key = lastKey;
            value = lastValue;
            mode = BTree.LT;
        } else if (high == null) {
            key = null;
            value = 0;
            mode = BTree.RIGHTMOST;
        } else {
            key = high;
            value = highInclusive ? Long.MAX_VALUE : Long.MIN_VALUE;
            mode = highInclusive ? BTree.LE : BTree.LT;
        }
        started = true;
        while (true) {
            BTree.Path p = tree.descend(key, value, mode, 0, -1, false, true);
            Node.Cell fence = p.lowFence;
            try {
                ByteBuffer b = p.node.data();
                int end = switch (mode) {
                    case BTree.RIGHTMOST -> Node.count(b);
                    case BTree.LE -> Node.upperBound(b, key, value);
                    default -> Node.lowerBound(b, key, value);
                };
                int start = Math.min(end, low == null ? 0 : lowInclusive ? Node.lowerBound(b, low, Long.MIN_VALUE)
                        : Node.upperBound(b, low, Long.MAX_VALUE));
                ensure(end - start);
                for (int i = end - 1; i >= start; i--) {
                    add(Node.key(b, i), Node.value(b, i));
                }
                if (start > 0) {
                    exhausted = true;
                    return;
                }
            } finally {
                p.release();
            }
            if (fence == null) {
                exhausted = true;
                return;
            }
            if (size > 0) {
                return;
            }
            // nothing below the target in this leaf: look below the leaf's lower bound
            key = fence.key();
            value = fence.value();
            mode = BTree.LT;
        }
    }

    private void ensure(int n) {
        if (keys.length < size + n) {
            int cap = Math.max(size + n, 16);
            keys = Arrays.copyOf(keys, cap);
            values = Arrays.copyOf(values, cap);
        }
    }

    private void add(byte[] key, long value) {
        keys[size] = key;
        values[size] = value;
        size++;
    }
}

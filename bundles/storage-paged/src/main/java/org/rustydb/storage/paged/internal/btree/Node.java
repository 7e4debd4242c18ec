package org.rustydb.storage.paged.internal.btree;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.rustydb.storage.paged.internal.page.PageLayout;
import org.rustydb.storage.paged.internal.page.PageWriter;

/**
 * The layout of a B+tree node page (leaf or inner): a slotted page whose 2-byte slot array is
 * kept sorted by (key, value), so an insert shifts only slots, never cells.
 *
 * <pre>
 *  0..15      common page header; type TYPE_BTREE_LEAF or TYPE_BTREE_INNER, flags bit 0 = root
 * 16 short    count: entries of a leaf, separators of an inner node
 * 18 short    level: 0 for leaves, parent = child + 1
 * 20 short    cellStart: lowest byte used by cells, which grow down from the page end
 * 22 short    garbage: bytes of dead cells above cellStart (reclaimed by compaction)
 * 24 int      leaf: left sibling page (0 = none); inner: leftmost child
 * 28 int      leaf: right sibling page (0 = none); inner: 0
 * 32 short    leaf: offset of the high-key cell, 0 = none (+infinity, the rightmost leaf)
 * 34 short    reserved
 * 36          slot array: count shorts, cell offsets in (key, value) order
 *  ...        free space
 *  ...        cells, packed at the page end
 * leaf cell:  short keyLength, key bytes, long value
 * inner cell: short keyLength, key bytes, long value, int child
 * high key:   a leaf-format cell: the exclusive upper bound of the leaf's range
 * </pre>
 * An inner node with separators s1..sn and children c0..cn routes (key, value) pair e to child
 * ci where si &lt;= e &lt; si+1 (c0 is the leftmost child in the header). Entries compare by key
 * bytes unsigned, then by value signed. Page 0 of a tree file is never a node, so 0 means "none".
 *
 * <p>The leaf high key lets an insert that walks right along equal keys know exactly which leaf a
 * new entry belongs in, and lets the checker verify leaves against their parents' separators.
 */
final class Node {
    static final int COUNT = 16;
    static final int LEVEL = 18;
    static final int CELL_START = 20;
    static final int GARBAGE = 22;
    static final int LEFT = 24;
    static final int RIGHT = 28;
    static final int HIGH = 32;
    static final int SLOTS = 36;
    /** Bytes of a page available to slots and cells. */
    static final int MAX_CAPACITY = PageLayout.PAGE_SIZE - SLOTS;
    static final byte ROOT_FLAG = 1;

    /** Key length, key, value: the leaf cell overhead besides the key, plus its slot. */
    static final int LEAF_OVERHEAD = 2 + 8 + 2;
    static final int INNER_OVERHEAD = 2 + 8 + 4 + 2;

    private Node() {
    }

    /** An entry or separator as a value: child is the right child of a separator, 0 in leaves. */
    record Cell(byte[] key, long value, int child) {
        int size(boolean leaf) {
            return key.length + (leaf ? LEAF_OVERHEAD : INNER_OVERHEAD);
        }

        Cell withChild(int newChild) {
            return new Cell(key, value, newChild);
        }
    }

    static int compare(byte[] k1, long v1, byte[] k2, long v2) {
        int c = Arrays.compareUnsigned(k1, k2);
        return c != 0 ? c : Long.compare(v1, v2);
    }

    static boolean isNode(ByteBuffer b) {
        byte t = PageLayout.type(b);
        return t == PageLayout.TYPE_BTREE_LEAF || t == PageLayout.TYPE_BTREE_INNER;
    }

    static boolean isRoot(ByteBuffer b) {
        return (b.get(PageLayout.FLAGS_OFFSET) & ROOT_FLAG) != 0;
    }

    static int count(ByteBuffer b) {
        return b.getShort(COUNT);
    }

    static int level(ByteBuffer b) {
        return b.getShort(LEVEL);
    }

    static boolean isLeaf(ByteBuffer b) {
        return level(b) == 0;
    }

    static int left(ByteBuffer b) {
        return b.getInt(LEFT);
    }

    static int right(ByteBuffer b) {
        return b.getInt(RIGHT);
    }

    /** Bytes used by slots and live cells, the high key included. */
    static int used(ByteBuffer b) {
        return 2 * count(b) + PageLayout.PAGE_SIZE - b.getShort(CELL_START) - b.getShort(GARBAGE);
    }

    static int cellOffset(ByteBuffer b, int i) {
        return b.getShort(SLOTS + 2 * i);
    }

    static byte[] key(ByteBuffer b, int i) {
        return keyAt(b, cellOffset(b, i));
    }

    static long value(ByteBuffer b, int i) {
        int off = cellOffset(b, i);
        return b.getLong(off + 2 + b.getShort(off));
    }

    /** Child {@code i} of an inner node: 0 is the leftmost, i &gt; 0 the child of separator i-1. */
    static int child(ByteBuffer b, int i) {
        if (i == 0) {
            return left(b);
        }
        int off = cellOffset(b, i - 1);
        return b.getInt(off + 2 + b.getShort(off) + 8);
    }

    static Cell cell(ByteBuffer b, int i) {
        int off = cellOffset(b, i);
        byte[] key = keyAt(b, off);
        long value = b.getLong(off + 2 + key.length);
        int child = isLeaf(b) ? 0 : b.getInt(off + 2 + key.length + 8);
        return new Cell(key, value, child);
    }

    static List<Cell> cells(ByteBuffer b) {
        int n = count(b);
        List<Cell> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(cell(b, i));
        }
        return out;
    }

    /** The leaf's high key (exclusive upper bound), or null for +infinity. */
    static Cell highKey(ByteBuffer b) {
        int off = b.getShort(HIGH);
        if (off == 0) {
            return null;
        }
        byte[] key = keyAt(b, off);
        return new Cell(key, b.getLong(off + 2 + key.length), 0);
    }

    private static byte[] keyAt(ByteBuffer b, int off) {
        byte[] key = new byte[b.getShort(off)];
        read(b, off + 2, key);
        return key;
    }

    /** Copies page bytes; JDK 17's absolute bulk get copies byte by byte, so avoid it. */
    static void read(ByteBuffer b, int off, byte[] dst) {
        if (b.hasArray()) {
            System.arraycopy(b.array(), b.arrayOffset() + off, dst, 0, dst.length);
        } else {
            b.slice(off, dst.length).get(dst);
        }
    }

    /** Compares cell {@code i} with (key, value), without copying the cell's key. */
    static int compareAt(ByteBuffer b, int i, byte[] key, long value) {
        return compareAt(b, i, key, words(key), value);
    }

    /**
     * A key as unsigned big-endian 8-byte words, the last zero-padded. Two keys compare as their
     * words do, word by word (a shorter key that is a prefix pads with zeros and sorts first), then
     * by length: a search compares a cell a word at a time, with no byte loop.
     */
    static long[] words(byte[] key) {
        long[] words = new long[(key.length + 7) >>> 3];
        for (int i = 0; i < key.length; i++) {
            words[i >>> 3] |= (key[i] & 0xFFL) << ((7 - (i & 7)) << 3);
        }
        return words;
    }

    private static int compareAt(ByteBuffer b, int i, byte[] key, long[] keyWords, long value) {
        int off = cellOffset(b, i);
        int len = b.getShort(off);
        int words = Math.max(keyWords.length, (len + 7) >>> 3);
        for (int w = 0; w < words; w++) {
            int at = w << 3;
            long cell = 0;
            if (at < len) {
                // a cell's key is followed by its 8-byte value: 8 bytes from inside the key can be read
                cell = b.getLong(off + 2 + at);
                if (len - at < 8) {
                    cell &= -1L << ((8 - (len - at)) << 3);
                }
            }
            long k = w < keyWords.length ? keyWords[w] : 0;
            if (cell != k) {
                return Long.compareUnsigned(cell, k);
            }
        }
        int c = Integer.compare(len, key.length);
        return c != 0 ? c : Long.compare(b.getLong(off + 2 + len), value);
    }

    private static int compareBytes(ByteBuffer b, int from, int len, byte[] key) {
        int n = Math.min(len, key.length);
        for (int j = 0; j < n; j++) {
            int c = (b.get(from + j) & 0xFF) - (key[j] & 0xFF);
            if (c != 0) {
                return c;
            }
        }
        return len - key.length;
    }

    /** True if cell {@code i}'s key equals {@code key} (whatever the value). */
    static boolean keyEquals(ByteBuffer b, int i, byte[] key) {
        int off = cellOffset(b, i);
        if (b.getShort(off) != key.length) {
            return false;
        }
        if (b.hasArray()) {
            int from = b.arrayOffset() + off + 2;
            return Arrays.equals(b.array(), from, from + key.length, key, 0, key.length);
        }
        return compareBytes(b, off + 2, key.length, key) == 0;
    }

    /** The first index whose cell is &gt;= (key, value), or count. */
    static int lowerBound(ByteBuffer b, byte[] key, long value) {
        return lowerBound(b, key, words(key), value);
    }

    /** {@link #lowerBound(ByteBuffer, byte[], long)} with the key's {@link #words} at hand. */
    static int lowerBound(ByteBuffer b, byte[] key, long[] keyWords, long value) {
        int lo = 0;
        int hi = count(b);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compareAt(b, mid, key, keyWords, value) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first index whose cell is &gt; (key, value), or count. */
    static int upperBound(ByteBuffer b, byte[] key, long value) {
        return upperBound(b, key, words(key), value);
    }

    /** {@link #upperBound(ByteBuffer, byte[], long)} with the key's {@link #words} at hand. */
    static int upperBound(ByteBuffer b, byte[] key, long[] keyWords, long value) {
        int lo = 0;
        int hi = count(b);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compareAt(b, mid, key, keyWords, value) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    // ---- writing -------------------------------------------------------------------------

    static void setRoot(PageWriter w, boolean root) {
        byte flags = w.page().get(PageLayout.FLAGS_OFFSET);
        w.putByte(PageLayout.FLAGS_OFFSET, (byte) (root ? flags | ROOT_FLAG : flags & ~ROOT_FLAG));
    }

    static void setLeft(PageWriter w, int page) {
        w.putInt(LEFT, page);
    }

    static void setRight(PageWriter w, int page) {
        w.putInt(RIGHT, page);
    }

    /**
     * Inserts a cell at slot {@code index}. The caller has checked that it fits the node's
     * logical capacity; a node whose free space is fragmented is compacted first.
     */
    static void insert(PageWriter w, int index, Cell cell) {
        ByteBuffer b = w.page();
        boolean leaf = isLeaf(b);
        int size = cell.size(leaf) - 2;
        int n = count(b);
        int cellStart = b.getShort(CELL_START);
        if (cellStart - (SLOTS + 2 * n) < size + 2) {
            rebuild(w, level(b), left(b), right(b), highKey(b), cells(b));
            cellStart = b.getShort(CELL_START);
        }
        int off = cellStart - size;
        writeCell(w, off, cell, leaf);
        w.move(SLOTS + 2 * index, SLOTS + 2 * index + 2, 2 * (n - index));
        w.putShort(SLOTS + 2 * index, (short) off);
        w.putShort(COUNT, (short) (n + 1));
        w.putShort(CELL_START, (short) off);
    }

    /** Removes the cell at slot {@code index}; its bytes become garbage unless they are the lowest. */
    static void remove(PageWriter w, int index) {
        ByteBuffer b = w.page();
        int n = count(b);
        int off = cellOffset(b, index);
        int size = 2 + b.getShort(off) + 8 + (isLeaf(b) ? 0 : 4);
        w.move(SLOTS + 2 * index + 2, SLOTS + 2 * index, 2 * (n - index - 1));
        w.putShort(COUNT, (short) (n - 1));
        if (off == b.getShort(CELL_START)) {
            w.putShort(CELL_START, (short) (off + size));
        } else {
            w.putShort(GARBAGE, (short) (b.getShort(GARBAGE) + size));
        }
    }

    /** Rewrites a node's content whole: header fields, slots and packed cells (type and flags stay). */
    static void rebuild(PageWriter w, int level, int left, int right, Cell high, List<Cell> cells) {
        boolean leaf = level == 0;
        int end = PageLayout.PAGE_SIZE;
        int highOff = 0;
        if (high != null) {
            end -= high.size(true) - 2;
            highOff = end;
            writeCell(w, end, high, true);
        }
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            end -= c.size(leaf) - 2;
            writeCell(w, end, c, leaf);
            w.putShort(SLOTS + 2 * i, (short) end);
        }
        if (end < SLOTS + 2 * cells.size()) {
            throw new IllegalStateException("node overflow: " + cells.size() + " cells");
        }
        w.putShort(COUNT, (short) cells.size());
        w.putShort(LEVEL, (short) level);
        w.putShort(CELL_START, (short) end);
        w.putShort(GARBAGE, (short) 0);
        w.putInt(LEFT, left);
        w.putInt(RIGHT, right);
        w.putShort(HIGH, (short) highOff);
    }

    private static void writeCell(PageWriter w, int off, Cell c, boolean leaf) {
        // highest bytes first: cells are packed downwards, so each write then extends the range
        // the previous cell's bytes started, and the edit records one range, not one per cell
        if (!leaf) {
            w.putInt(off + 2 + c.key().length + 8, c.child());
        }
        w.putLong(off + 2 + c.key().length, c.value());
        w.putBytes(off + 2, c.key());
        w.putShort(off, (short) c.key().length);
    }

    /** Bytes that a rebuilt node holding these cells (and high key) uses. */
    static int sizeOf(List<Cell> cells, boolean leaf, Cell high) {
        int size = high == null ? 0 : high.size(true) - 2;
        for (Cell c : cells) {
            size += c.size(leaf);
        }
        return size;
    }
}

package org.rustydb.storage.paged.internal.heap;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.NoSuchElementException;

import org.rustydb.storage.paged.internal.page.PageLayout;

/**
 * A cursor over the rows of a {@link HeapFile} in row-id order. It copies one page whole under the
 * page's shared latch, releases it, and hands its tuples out one by one from the copy, so it never
 * holds a latch or a pin between calls and cannot block writers for long. An inline row's payload
 * is read in place in the copy ({@link #payloadArray}); a row's own copy is made only when
 * {@link #tuple} asks for one. Overflow payloads are read when their row is reached.
 *
 * <p>The pages scanned are those that existed when the scan started (like PostgreSQL): rows added
 * later to new pages are not seen, rows added to earlier pages may be. Every row present during
 * the whole scan is returned exactly once; visibility is the caller's business. Not thread-safe.
 */
final class HeapScan implements HeapFile.ChainScan {
    private final HeapFile file;
    private final byte[] copy = new byte[PageLayout.PAGE_SIZE];
    private final ByteBuffer view = ByteBuffer.wrap(copy);
    private int endPage;
    private int nextPage;
    private int pageNo;
    private int slot;
    private int slotCount;
    private boolean positioned;
    private long rowId;
    private long xmin;
    private long xmax;
    private byte[] payloadArray;
    private int payloadOffset;
    private int payloadLength;
    /** The current row as a record of its own, made on demand. */
    private StoredTuple tuple;
    /** The current page's HOT chain roots and depths (see {@link HeapChains#roots}), made on demand. */
    private int[] roots;
    private int[] depths;
    private int rootsOfPage = -1;

    HeapScan(HeapFile file, int endPage) {
        this.file = file;
        this.endPage = endPage;
    }

    @Override
    public boolean next() {
        positioned = false;
        tuple = null;
        while (true) {
            while (slot < slotCount) {
                int s = slot++;
                if (HeapPage.slotState(view, s) != HeapPage.NORMAL) {
                    continue;
                }
                int off = HeapPage.tupleOffset(view, s);
                long id = HeapFile.rowId(pageNo, s);
                if (Tuple.hasOverflow(view, off)) {
                    // an overflow row: read its chain now (null if it was pruned since the copy)
                    StoredTuple t = file.finish(new StoredTuple(id, Tuple.xmin(view, off), Tuple.xmax(view, off), null));
                    if (t == null) {
                        continue;
                    }
                    tuple = t;
                    set(id, t.xmin(), t.xmax(), t.payload(), 0, t.payload().length);
                } else {
                    set(id, Tuple.xmin(view, off), Tuple.xmax(view, off), copy, off + Tuple.HEADER_SIZE,
                            HeapPage.tupleLength(view, s) - Tuple.HEADER_SIZE);
                }
                return true;
            }
            if (nextPage >= endPage) {
                return false;
            }
            pageNo = nextPage++;
            rootsOfPage = -1;
            slot = 0;
            slotCount = file.copyPage(pageNo, copy) ? HeapPage.slotCount(view) : 0;
        }
    }

    private void set(long id, long min, long max, byte[] array, int offset, int length) {
        positioned = true;
        rowId = id;
        xmin = min;
        xmax = max;
        payloadArray = array;
        payloadOffset = offset;
        payloadLength = length;
    }

    private void checkPositioned() {
        if (!positioned) {
            throw new NoSuchElementException("no current row");
        }
    }

    @Override
    public StoredTuple tuple() {
        checkPositioned();
        if (tuple == null) {
            tuple = new StoredTuple(rowId, xmin, xmax,
                    Arrays.copyOfRange(payloadArray, payloadOffset, payloadOffset + payloadLength));
        }
        return tuple;
    }

    @Override
    public long rowId() {
        checkPositioned();
        return rowId;
    }

    @Override
    public long xmin() {
        checkPositioned();
        return xmin;
    }

    @Override
    public long xmax() {
        checkPositioned();
        return xmax;
    }

    @Override
    public byte[] payloadArray() {
        checkPositioned();
        return payloadArray;
    }

    @Override
    public int payloadOffset() {
        checkPositioned();
        return payloadOffset;
    }

    @Override
    public int payloadLength() {
        checkPositioned();
        return payloadLength;
    }

    @Override
    public long chainRoot() {
        int root = chainOf()[slot - 1];
        return root < 0 ? -1 : HeapFile.rowId(pageNo, root);
    }

    @Override
    public int chainDepth() {
        chainOf();
        return depths[slot - 1];
    }

    private int[] chainOf() {
        checkPositioned();
        if (rootsOfPage != pageNo) {
            if (roots == null) {
                roots = new int[PageLayout.PAGE_SIZE / HeapPage.SLOT_SIZE];
                depths = new int[roots.length];
            }
            HeapChains.roots(view, roots, depths);
            rootsOfPage = pageNo;
        }
        return roots;
    }

    @Override
    public void close() {
        endPage = 0;
        slotCount = 0;
        positioned = false;
        tuple = null;
        payloadArray = null;
    }
}

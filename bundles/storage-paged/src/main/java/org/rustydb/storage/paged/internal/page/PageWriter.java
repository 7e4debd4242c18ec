package org.rustydb.storage.paged.internal.page;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Changes one page and remembers which byte ranges changed, so that the change can be logged as
 * a redo delta of just those bytes. Every write to a page goes through one of these (made by
 * {@code log.PageEdit#write}); reads use the page's buffer directly.
 *
 * <p>Threading: used by the one thread holding the page's exclusive latch.
 */
public final class PageWriter {
    /** How many of the latest spans a write may join, and across how large a gap of unchanged bytes. */
    private static final int RECENT_SPANS = 4;
    private static final int MERGE_GAP = 8;

    private final ByteBuffer page;
    /** Changed ranges as [start, end) pairs, in the order written; merged by {@link #ranges}. */
    private int[] spans = new int[16];
    private int spanCount;
    /** Moves logged as operations, [from, to, length] triples in the order made; see {@link #move}. */
    private int[] moves;
    private int moveCount;
    private boolean whole;

    public PageWriter(ByteBuffer page) {
        if (page.capacity() != PageLayout.PAGE_SIZE) {
            throw new IllegalArgumentException("not a page: " + page.capacity() + " bytes");
        }
        this.page = page;
    }

    /** The page being written; read through it, write only through this writer. */
    public ByteBuffer page() {
        return page;
    }

    public void putByte(int offset, byte value) {
        page.put(offset, value);
        touch(offset, 1);
    }

    public void putShort(int offset, short value) {
        page.putShort(offset, value);
        touch(offset, 2);
    }

    public void putInt(int offset, int value) {
        page.putInt(offset, value);
        touch(offset, 4);
    }

    public void putLong(int offset, long value) {
        page.putLong(offset, value);
        touch(offset, 8);
    }

    public void putBytes(int offset, byte[] src, int srcOffset, int length) {
        if (page.hasArray()) {
            // JDK 17's absolute bulk put copies byte by byte
            Objects.checkFromIndexSize(offset, length, page.capacity());
            System.arraycopy(src, srcOffset, page.array(), page.arrayOffset() + offset, length);
        } else {
            page.put(offset, src, srcOffset, length);
        }
        touch(offset, length);
    }

    public void putBytes(int offset, byte[] src) {
        putBytes(offset, src, 0, src.length);
    }

    /** Copies {@code length} bytes within the page; the ranges may overlap. */
    public void move(int from, int to, int length) {
        if (length == 0 || from == to) {
            return;
        }
        copyWithin(page, from, to, length);
        if (whole || overlapsSpans(from, length)) {
            touch(to, length);
        } else {
            // Logged as "move these bytes", not as the bytes moved: a compaction or a slot-array
            // shift moves kilobytes. Redo replays the moves in order on the page as it was before
            // the edit, then writes the ranges; that yields the same bytes as long as no source
            // held bytes written earlier in this edit, which the check above rules out.
            if (moves == null) {
                moves = new int[12];
            } else if (3 * moveCount + 3 > moves.length) {
                moves = Arrays.copyOf(moves, moves.length * 2);
            }
            moves[3 * moveCount] = from;
            moves[3 * moveCount + 1] = to;
            moves[3 * moveCount + 2] = length;
            moveCount++;
        }
    }

    /** Copies {@code length} bytes of a page from {@code from} to {@code to}; the ranges may overlap. Not logged. */
    public static void copyWithin(ByteBuffer page, int from, int to, int length) {
        if (page.hasArray()) {
            Objects.checkFromIndexSize(from, length, page.capacity());
            Objects.checkFromIndexSize(to, length, page.capacity());
            System.arraycopy(page.array(), page.arrayOffset() + from, page.array(), page.arrayOffset() + to, length);
        } else {
            byte[] tmp = new byte[length];
            page.get(from, tmp, 0, length);
            page.put(to, tmp, 0, length);
        }
    }

    /** True if {@code [offset, offset + length)} meets a range written (not moved) in this edit. */
    private boolean overlapsSpans(int offset, int length) {
        int end = offset + length;
        for (int i = 0; i < spanCount; i++) {
            if (offset < spans[2 * i + 1] && end > spans[2 * i]) {
                return true;
            }
        }
        return false;
    }

    /** The moves to replay before the {@link #ranges}, as [from, to, length] triples; empty if none. */
    public int[] moves() {
        return moveCount == 0 ? new int[0] : Arrays.copyOf(moves, 3 * moveCount);
    }

    public void fill(int offset, int length, byte value) {
        for (int i = 0; i < length; i++) {
            page.put(offset + i, value);
        }
        touch(offset, length);
    }

    /**
     * Zeroes the whole page and sets its type: a freshly formatted page. The log then records
     * "start from zeros" plus the ranges written since, which defines every byte of the page (as
     * a full-page image would, at a fraction of its size).
     */
    public void format(byte pageType) {
        if (page.hasArray()) {
            Arrays.fill(page.array(), page.arrayOffset(), page.arrayOffset() + PageLayout.PAGE_SIZE, (byte) 0);
        } else {
            for (int i = 0; i < PageLayout.PAGE_SIZE; i += 8) {
                page.putLong(i, 0L);
            }
        }
        whole = true;
        spanCount = 0;
        moveCount = 0;
        putByte(PageLayout.TYPE_OFFSET, pageType);
    }

    /** True once {@link #format} was called: redo must start from a zeroed page, then apply {@link #ranges}. */
    public boolean isWhole() {
        return whole;
    }

    /** True if nothing was written. */
    public boolean isEmpty() {
        return !whole && spanCount == 0 && moveCount == 0;
    }

    /**
     * The changed ranges (since {@link #format}, if it was called) as sorted, non-overlapping
     * [start, end) pairs, adjacent or nearly
     * adjacent ranges merged (a short gap costs less to log than a second range header).
     */
    public int[] ranges() {
        if (spanCount == 0) {
            return new int[0];
        }
        if (spanCount == 1) {
            return new int[] {spans[0], spans[1]};
        }
        long[] packed = new long[spanCount];
        for (int i = 0; i < spanCount; i++) {
            packed[i] = ((long) spans[2 * i] << 32) | spans[2 * i + 1];
        }
        if (spanCount > 16) {
            Arrays.sort(packed);
        } else {
            // most edits write a handful of ranges: insertion sort beats the general sort's set-up
            for (int i = 1; i < spanCount; i++) {
                long p = packed[i];
                int j = i;
                for (; j > 0 && packed[j - 1] > p; j--) {
                    packed[j] = packed[j - 1];
                }
                packed[j] = p;
            }
        }
        int[] out = new int[2 * spanCount];
        int n = 0;
        for (long p : packed) {
            int start = (int) (p >>> 32);
            int end = (int) p;
            if (n > 0 && start <= out[n - 1] + 8) {
                out[n - 1] = Math.max(out[n - 1], end);
            } else {
                out[n++] = start;
                out[n++] = end;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private void touch(int offset, int length) {
        if (offset < PageLayout.HEADER_SIZE && offset + length > PageLayout.LSN_OFFSET
                && offset < PageLayout.TYPE_OFFSET) {
            throw new IllegalArgumentException("the LSN and checksum are set by the log and the buffer pool");
        }
        if (length == 0) {
            return;
        }
        // a write next to or over one of the last few spans widens it: entries appended one after
        // another write a cell (downwards), a slot (upwards) and the same header fields each time
        int end = offset + length;
        for (int j = spanCount - 1; j >= Math.max(0, spanCount - RECENT_SPANS); j--) {
            int start = spans[2 * j];
            int stop = spans[2 * j + 1];
            if (offset <= stop + MERGE_GAP && end >= start - MERGE_GAP) {
                spans[2 * j] = Math.min(start, offset);
                spans[2 * j + 1] = Math.max(stop, end);
                return;
            }
        }
        if (2 * spanCount + 2 > spans.length) {
            spans = Arrays.copyOf(spans, spans.length * 2);
        }
        spans[2 * spanCount] = offset;
        spans[2 * spanCount + 1] = offset + length;
        spanCount++;
    }
}

package org.rustydb.storage.paged.internal.heap;

import java.nio.ByteBuffer;

import org.rustydb.storage.paged.internal.page.PageLayout;
import org.rustydb.storage.paged.internal.page.PageWriter;

/**
 * The layout of one heap tuple as stored in a {@link HeapPage} slot. The engine encodes row
 * values into the payload; this layer stores it as opaque bytes.
 *
 * <pre>
 *  0  long  xmin: the storage transaction that inserted the tuple
 *  8  long  xmax: the transaction that deleted or updated it, 0 for none
 * 16  short flags: bit 0 HAS_OVERFLOW, bit 1 HEAP_ONLY, bit 2 HOT_UPDATED, bits 4-15 the slot
 *           of the version a HOT_UPDATED tuple was replaced by
 * 18        payload bytes, or, with HAS_OVERFLOW, a stub:
 *           int total payload length, int page number of the first overflow page
 * </pre>
 *
 * The tuple length (in its slot) gives the inline payload length. Big payloads go to an overflow
 * chain (see {@link OverflowPage}) so that a heap page always holds several rows, like
 * PostgreSQL's TOAST: a scan reading row headers never drags megabytes through the cache.
 */
public final class Tuple {
    public static final int XMIN = 0;
    public static final int XMAX = 8;
    public static final int FLAGS = 16;
    public static final int HEADER_SIZE = 18;

    /** The payload is in an overflow chain; the tuple body is a stub. */
    public static final int HAS_OVERFLOW = 1;
    /**
     * A version no index entry points at: an update that kept every indexed column put it on its
     * predecessor's page (a heap-only tuple, PostgreSQL's HOT), and readers reach it from the
     * chain's root, the version the index entries point at.
     */
    public static final int HEAP_ONLY = 2;
    /** Replaced by a heap-only version on the same page, whose slot the flags' high bits hold. */
    public static final int HOT_UPDATED = 4;
    private static final int NEXT_SHIFT = 4;

    static {
        // the successor's slot must fit the 12 bits above NEXT_SHIFT
        if (PageLayout.PAGE_SIZE / HeapPage.SLOT_SIZE >= 1 << (16 - NEXT_SHIFT)) {
            throw new ExceptionInInitializerError("too many slots per page for a successor link");
        }
    }

    static final int STUB_LENGTH = HEADER_SIZE;
    static final int STUB_FIRST_PAGE = HEADER_SIZE + 4;
    static final int STUB_SIZE = HEADER_SIZE + 8;

    /**
     * The largest payload stored inline: a tuple and its slot take at most a quarter page, as
     * PostgreSQL's TOAST threshold, so at least four rows fit a page.
     */
    public static final int MAX_INLINE_PAYLOAD =
            PageLayout.PAGE_SIZE / 4 - HeapPage.SLOT_SIZE - HEADER_SIZE;

    private Tuple() {
    }

    /** An inline tuple: header plus payload. */
    public static byte[] inline(long xmin, byte[] payload) {
        if (payload.length > MAX_INLINE_PAYLOAD) {
            throw new IllegalArgumentException("payload too big to be inline: " + payload.length);
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + payload.length);
        b.putLong(XMIN, xmin).putLong(XMAX, 0L).putShort(FLAGS, (short) 0);
        // JDK 17's absolute bulk put copies byte by byte
        System.arraycopy(payload, 0, b.array(), HEADER_SIZE, payload.length);
        return b.array();
    }

    /** Writes an inline tuple's header at {@code offset}: {@code xmin}, no xmax, {@code flags} (highest field first). */
    static void writeInlineHeader(PageWriter w, int offset, long xmin, int flags) {
        w.putShort(offset + FLAGS, (short) flags);
        w.putLong(offset + XMAX, 0L);
        w.putLong(offset + XMIN, xmin);
    }

    /** A stub tuple pointing at an overflow chain of {@code length} bytes starting at {@code firstPage}. */
    public static byte[] stub(long xmin, int length, int firstPage) {
        ByteBuffer b = ByteBuffer.allocate(STUB_SIZE);
        b.putLong(XMIN, xmin).putLong(XMAX, 0L).putShort(FLAGS, (short) HAS_OVERFLOW);
        b.putInt(STUB_LENGTH, length).putInt(STUB_FIRST_PAGE, firstPage);
        return b.array();
    }

    public static long xmin(ByteBuffer page, int offset) {
        return page.getLong(offset + XMIN);
    }

    public static long xmax(ByteBuffer page, int offset) {
        return page.getLong(offset + XMAX);
    }

    public static int flags(ByteBuffer page, int offset) {
        return page.getShort(offset + FLAGS) & 0xFFFF;
    }

    public static boolean hasOverflow(ByteBuffer page, int offset) {
        return (flags(page, offset) & HAS_OVERFLOW) != 0;
    }

    public static boolean isHeapOnly(ByteBuffer page, int offset) {
        return (flags(page, offset) & HEAP_ONLY) != 0;
    }

    public static boolean isHotUpdated(ByteBuffer page, int offset) {
        return (flags(page, offset) & HOT_UPDATED) != 0;
    }

    /** The slot of the version a HOT_UPDATED tuple was replaced by. */
    public static int nextSlot(ByteBuffer page, int offset) {
        return flags(page, offset) >>> NEXT_SHIFT;
    }

    /** Drops the tuple's HOT link, if it has one. */
    static void clearHotUpdated(PageWriter w, int offset) {
        int flags = flags(w.page(), offset);
        if ((flags & HOT_UPDATED) != 0) {
            w.putShort(offset + FLAGS, (short) (flags & (HAS_OVERFLOW | HEAP_ONLY)));
        }
    }

    /** Marks the tuple at {@code offset} replaced by the heap-only version in {@code next}, keeping its other flags. */
    static void setHotUpdated(PageWriter w, int offset, int next) {
        int kept = flags(w.page(), offset) & (HAS_OVERFLOW | HEAP_ONLY);
        w.putShort(offset + FLAGS, (short) (kept | HOT_UPDATED | next << NEXT_SHIFT));
    }

    /** The total payload length of a stub tuple. */
    public static int overflowLength(ByteBuffer page, int offset) {
        return page.getInt(offset + STUB_LENGTH);
    }

    /** The first overflow page of a stub tuple. */
    public static int overflowFirstPage(ByteBuffer page, int offset) {
        return page.getInt(offset + STUB_FIRST_PAGE);
    }

    /** Copies the inline payload of a tuple of {@code tupleLength} bytes. */
    public static byte[] inlinePayload(ByteBuffer page, int offset, int tupleLength) {
        byte[] out = new byte[tupleLength - HEADER_SIZE];
        if (page.hasArray()) {
            // JDK 17's absolute bulk get copies byte by byte
            java.util.Objects.checkFromIndexSize(offset + HEADER_SIZE, out.length, page.capacity());
            System.arraycopy(page.array(), page.arrayOffset() + offset + HEADER_SIZE, out, 0, out.length);
        } else {
            page.get(offset + HEADER_SIZE, out, 0, out.length);
        }
        return out;
    }
}

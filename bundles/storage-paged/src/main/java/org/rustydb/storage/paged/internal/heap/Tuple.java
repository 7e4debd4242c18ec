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
 * 16  short flags (HAS_OVERFLOW)
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

    /** Writes an inline tuple's header at {@code offset}: {@code xmin}, no xmax, no flags (highest field first). */
    static void writeInlineHeader(PageWriter w, int offset, long xmin) {
        w.putShort(offset + FLAGS, (short) 0);
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

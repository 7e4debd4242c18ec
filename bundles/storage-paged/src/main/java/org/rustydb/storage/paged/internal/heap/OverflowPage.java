package org.rustydb.storage.paged.internal.heap;

import org.rustydb.storage.paged.internal.page.PageLayout;
import org.rustydb.storage.paged.internal.page.PageWriter;

/**
 * The layout of {@link PageLayout#TYPE_OVERFLOW} pages, which hold the payload of a row too big
 * to be stored inline (see {@link Tuple}) as a singly linked chain:
 *
 * <pre>
 *  0  16 bytes  common header, type TYPE_OVERFLOW
 * 16  int       next page number of the chain, -1 on the last page
 * 20  int       bytes used on this page: CAPACITY on every page but the last
 * 24  bytes     payload bytes
 * </pre>
 *
 * A chain belongs to exactly one heap tuple and is written in the same page edit as it. When the
 * tuple is pruned, its chain pages get type TYPE_FREE (only the type byte is logged; the stale
 * bytes are overwritten when the page is formatted again).
 */
public final class OverflowPage {
    static final int NEXT = PageLayout.HEADER_SIZE;
    static final int USED = NEXT + 4;
    static final int DATA = USED + 4;
    public static final int CAPACITY = PageLayout.PAGE_SIZE - DATA;

    private OverflowPage() {
    }

    /** The number of pages a chain of {@code length} payload bytes takes. */
    public static int pagesFor(int length) {
        return (int) (((long) length + CAPACITY - 1) / CAPACITY);
    }

    /** Formats a chain page holding {@code src[offset, offset + length)}. */
    static void write(PageWriter w, int next, byte[] src, int offset, int length) {
        w.format(PageLayout.TYPE_OVERFLOW);
        w.putInt(NEXT, next);
        w.putInt(USED, length);
        w.putBytes(DATA, src, offset, length);
    }

    /** Frees a chain page: it becomes an empty page any insert may take. */
    static void free(PageWriter w) {
        w.putByte(PageLayout.TYPE_OFFSET, PageLayout.TYPE_FREE);
    }
}

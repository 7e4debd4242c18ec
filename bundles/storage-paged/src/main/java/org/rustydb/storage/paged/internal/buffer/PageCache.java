package org.rustydb.storage.paged.internal.buffer;

import org.rustydb.storage.paged.internal.page.PageId;

/**
 * Pages of the database files, cached in memory. Implemented by {@link BufferPool}; the heap,
 * the B+tree and the transaction-status file use nothing else to reach the disk.
 *
 * <p>Threading: all methods are safe to call concurrently.
 */
public interface PageCache {
    /**
     * Pins a page, reading it from disk if it is not cached. A page that fails its checksum gives
     * {@code DbException} XX001 naming the file and page; a page past the end of the file, XX001
     * too (it cannot be referenced by consistent data).
     */
    Page pin(PageId id);

    /**
     * As {@link #pin(PageId)}, trying first the page pinned through {@code hint} the last time (it
     * may hold another page by now, or none): a cache that can re-pin a frame it still holds skips
     * the lookup of the page. A {@code null} hint is allowed.
     */
    default Page pin(PageId id, Page hint) {
        return pin(id);
    }

    /**
     * Adds a page at the end of a file and pins it. The page is all zeros; the caller formats it
     * through a {@code log.PageEdit} (the log, not this call, makes the new page durable).
     */
    Page allocate(int fileId);

    /** The number of pages of a file, including pages allocated and not yet written out. */
    int pageCount(int fileId);
}

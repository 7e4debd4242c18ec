package org.rustydb.storage.paged.internal.buffer;

import java.nio.ByteBuffer;

import org.rustydb.storage.paged.internal.page.PageId;

/**
 * A page pinned in the buffer pool. While pinned it stays in memory; {@link #close} unpins it.
 * Its content may only be read under a latch (shared or exclusive) and changed under the
 * exclusive latch, through a {@code log.PageEdit} so that the change is logged.
 *
 * <p>Latch order, to stay free of deadlocks: B+tree pages top-down, then heap pages, then the
 * transaction-status pages; never wait for a latch while holding one of a later kind.
 */
public interface Page extends AutoCloseable {
    PageId id();

    /** The page's 8 KiB, absolute get/put only (never move the buffer's position or limit). */
    ByteBuffer data();

    void latchShared();

    void unlatchShared();

    void latchExclusive();

    void unlatchExclusive();

    /**
     * Records that the page was changed by the log record ending at {@code lsn}: stores the LSN in
     * the page header and marks the page dirty. The pool will not write the page out before the log
     * is durable up to that LSN. Called by the log, under the exclusive latch.
     */
    void markDirty(long lsn);

    /** Unpins; the page must not be used afterwards. */
    @Override
    void close();
}

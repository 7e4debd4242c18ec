package org.rustydb.storage.paged.internal.xact;

import org.rustydb.storage.paged.internal.buffer.Page;
import org.rustydb.storage.paged.internal.buffer.PageCache;
import org.rustydb.storage.paged.internal.log.PageEdit;
import org.rustydb.storage.paged.internal.log.PageEditLog;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;

/**
 * Which transactions committed (PostgreSQL's commit log): two bits per transaction id on pages
 * of a file of its own. A commit is a {@link PageEdit} of the transaction's status page, so it is
 * logged and redone like any page change, and becomes durable when the log is forced. Nothing is
 * logged for an abort: a transaction that never reached COMMITTED is aborted after a restart.
 *
 * <p>Lookups use an in-memory copy (one byte per id) loaded at start and updated after the commit
 * is durable, so that no one sees a commit that a crash could still take back.
 */
public final class XactStatusFile {
    public static final int FILE_ID = 2;
    public static final byte UNKNOWN = 0;
    public static final byte COMMITTED = 1;
    public static final byte ABORTED = 2;
    static final int XIDS_PER_PAGE = (PageLayout.PAGE_SIZE - PageLayout.HEADER_SIZE) * 4;

    private final PageCache cache;
    private final PageEditLog log;
    /** One chunk per status page, grown under {@code extendLock}; read without locks. */
    private volatile byte[][] mirror = new byte[16][];
    private final Object extendLock = new Object();
    private final Object mirrorLock = new Object();

    public XactStatusFile(PageCache cache, PageEditLog log) {
        this.cache = cache;
        this.log = log;
    }

    /** Reads the committed states of every page into memory (at start, after redo). */
    public void load() {
        int pages = cache.pageCount(FILE_ID);
        for (int p = 0; p < pages; p++) {
            byte[] chunk = chunk(p);
            try (Page page = cache.pin(new PageId(FILE_ID, p))) {
                page.latchShared();
                try {
                    for (int i = 0; i < XIDS_PER_PAGE; i++) {
                        int b = page.data().get(PageLayout.HEADER_SIZE + i / 4) & 0xFF;
                        byte state = (byte) ((b >>> ((i % 4) * 2)) & 3);
                        if (state != UNKNOWN) {
                            chunk[i] = state;
                        }
                    }
                } finally {
                    page.unlatchShared();
                }
            }
        }
    }

    /**
     * Records a commit on the status page and returns the LSN of the edit; the caller forces the
     * log up to it and then calls {@link #publishCommitted}.
     */
    public long logCommitted(long xid) {
        int pageNo = (int) (xid / XIDS_PER_PAGE);
        int index = (int) (xid % XIDS_PER_PAGE);
        ensurePages(pageNo);
        try (Page page = cache.pin(new PageId(FILE_ID, pageNo))) {
            page.latchExclusive();
            try {
                PageEdit edit = log.begin(xid);
                int offset = PageLayout.HEADER_SIZE + index / 4;
                int shift = (index % 4) * 2;
                int b = page.data().get(offset) & 0xFF;
                b = (b & ~(3 << shift)) | (COMMITTED << shift);
                edit.write(page).putByte(offset, (byte) b);
                return edit.commit();
            } finally {
                page.unlatchExclusive();
            }
        }
    }

    public void publishCommitted(long xid) {
        chunk((int) (xid / XIDS_PER_PAGE))[(int) (xid % XIDS_PER_PAGE)] = COMMITTED;
    }

    public void publishAborted(long xid) {
        chunk((int) (xid / XIDS_PER_PAGE))[(int) (xid % XIDS_PER_PAGE)] = ABORTED;
    }

    /** The recorded state: COMMITTED, ABORTED (this run only) or UNKNOWN. */
    public byte state(long xid) {
        byte[][] chunks = mirror;
        long page = xid / XIDS_PER_PAGE;
        if (page >= chunks.length || chunks[(int) page] == null) {
            return UNKNOWN;
        }
        return chunks[(int) page][(int) (xid % XIDS_PER_PAGE)];
    }

    private byte[] chunk(int pageNo) {
        byte[][] chunks = mirror;
        if (pageNo < chunks.length && chunks[pageNo] != null) {
            return chunks[pageNo];
        }
        synchronized (mirrorLock) {
            chunks = mirror;
            if (pageNo >= chunks.length) {
                chunks = java.util.Arrays.copyOf(chunks, Math.max(pageNo + 1, chunks.length * 2));
            }
            if (chunks[pageNo] == null) {
                chunks[pageNo] = new byte[XIDS_PER_PAGE];
            }
            mirror = chunks;
            return chunks[pageNo];
        }
    }

    private void ensurePages(int pageNo) {
        if (pageNo < cache.pageCount(FILE_ID)) {
            return;
        }
        synchronized (extendLock) {
            while (cache.pageCount(FILE_ID) <= pageNo) {
                try (Page page = cache.allocate(FILE_ID)) {
                    page.latchExclusive();
                    try {
                        PageEdit edit = log.begin(0);
                        edit.write(page).format(PageLayout.TYPE_XACT_STATUS);
                        edit.commit();
                    } finally {
                        page.unlatchExclusive();
                    }
                }
            }
        }
    }
}

package org.rustydb.storage.paged.internal.btree;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.rustydb.storage.paged.internal.buffer.Page;
import org.rustydb.storage.paged.internal.log.PageEdit;
import org.rustydb.storage.paged.internal.log.PageEditLog;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;
import org.rustydb.storage.paged.internal.page.PageWriter;

/**
 * A page edit log for tests: stamps increasing LSNs, and replays every committed byte range onto
 * shadow copies of the pages, as redo would. {@link #verifyShadows} then proves that every change
 * of page bytes went through an edit (a write around the log would make a page differ from its
 * shadow), the property physical redo depends on.
 */
final class TestEditLog implements PageEditLog {
    private final AtomicLong lsn = new AtomicLong();
    private final Map<PageId, byte[]> shadows = new HashMap<>();
    private final AtomicLong edits = new AtomicLong();

    @Override
    public PageEdit begin(long xid) {
        return new Edit();
    }

    long edits() {
        return edits.get();
    }

    /** Compares each page with its shadow; returns a description of the first difference, or null. */
    String verifyShadows(TestPageCache cache, int fileId) {
        return verifyShadows(cache.pageCount(fileId), fileId, cache::bytes);
    }

    /**
     * Compares each page, as {@code read} returns it, with its shadow (the checksum field aside:
     * the buffer pool sets it when writing out); returns the first difference, or null.
     */
    String verifyShadows(int pages, int fileId, Function<PageId, byte[]> read) {
        synchronized (shadows) {
            for (int p = 0; p < pages; p++) {
                PageId id = new PageId(fileId, p);
                byte[] shadow = shadows.get(id);
                byte[] actual = read.apply(id);
                Arrays.fill(actual, PageLayout.CHECKSUM_OFFSET, PageLayout.CHECKSUM_OFFSET + 4, (byte) 0);
                if (shadow == null) {
                    if (!Arrays.equals(actual, new byte[PageLayout.PAGE_SIZE])) {
                        return "page " + id + " changed but never logged";
                    }
                    continue;
                }
                int at = Arrays.mismatch(shadow, actual);
                if (at >= 0) {
                    return "page " + id + " differs from its redo image at byte " + at;
                }
            }
        }
        return null;
    }

    private final class Edit implements PageEdit {
        private final Map<Page, PageWriter> writers = new LinkedHashMap<>();
        private boolean committed;

        @Override
        public PageWriter write(Page page) {
            if (committed) {
                throw new AssertionError("edit already committed");
            }
            if (!TestPageCache.holdsExclusive(page)) {
                throw new AssertionError("writing page " + page.id() + " without its exclusive latch");
            }
            for (Map.Entry<Page, PageWriter> e : writers.entrySet()) {
                if (e.getKey().id().equals(page.id())) {
                    return e.getValue();
                }
            }
            PageWriter w = new PageWriter(page.data());
            writers.put(page, w);
            return w;
        }

        @Override
        public long commit() {
            if (committed) {
                throw new AssertionError("edit committed twice");
            }
            committed = true;
            boolean any = writers.values().stream().anyMatch(w -> !w.isEmpty());
            if (!any) {
                return 0;
            }
            edits.incrementAndGet();
            synchronized (shadows) {
                long l = lsn.incrementAndGet();
                for (Map.Entry<Page, PageWriter> e : writers.entrySet()) {
                    Page page = e.getKey();
                    if (!TestPageCache.holdsExclusive(page)) {
                        throw new AssertionError("commit after unlatching " + page.id());
                    }
                    page.markDirty(l);
                    byte[] shadow = shadows.computeIfAbsent(page.id(), id -> new byte[PageLayout.PAGE_SIZE]);
                    if (e.getValue().isWhole()) {
                        java.util.Arrays.fill(shadow, (byte) 0); // formatted: the log says "from zeros"
                    }
                    int[] moves = e.getValue().moves(); // replayed first, on the shadow as it was
                    for (int i = 0; i < moves.length; i += 3) {
                        System.arraycopy(shadow, moves[i], shadow, moves[i + 1], moves[i + 2]);
                    }
                    int[] ranges = e.getValue().ranges();
                    for (int i = 0; i < ranges.length; i += 2) {
                        copy(page.data(), ranges[i], shadow, ranges[i + 1] - ranges[i]);
                    }
                    copy(page.data(), 0, shadow, 8);
                }
                return l;
            }
        }
    }

    private static void copy(java.nio.ByteBuffer page, int from, byte[] shadow, int length) {
        page.slice(from, length).get(shadow, from, length);
    }
}

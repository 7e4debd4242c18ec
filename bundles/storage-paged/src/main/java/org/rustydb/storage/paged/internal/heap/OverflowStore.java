package org.rustydb.storage.paged.internal.heap;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntPredicate;

import org.rustydb.storage.paged.internal.buffer.Page;
import org.rustydb.storage.paged.internal.buffer.PageCache;
import org.rustydb.storage.paged.internal.log.PageEdit;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;

/**
 * Reads, writes and frees the overflow chains of one heap file.
 *
 * <p>Deadlock freedom: a writer holds its reserved (free) pages latched while it latches the heap
 * page that gets the stub, or heap pages it prunes to free chains, against the usual order (heap
 * page, then its chain). That is safe because only one writer at a time holds reserved pages
 * ({@link #writers}), and every other thread latches free pages with nothing else held
 * (inserters) or latches only chain pages in use, which are never free (readers and pruners,
 * under the heap page's latch).
 *
 * <p>A chain is written in one page edit with its stub, so all its pages are pinned at once: a
 * row of n bytes needs n / 8168 + 2 pages of the buffer pool.
 */
final class OverflowStore {
    private final PageCache cache;
    private final int fileId;
    private final FreeSpaceMap fsm;
    private final ReentrantLock writers = new ReentrantLock();
    /** Prune rounds one reservation may ask for before extending the file. */
    private static final int MAX_FREEING = 8;

    OverflowStore(PageCache cache, int fileId, FreeSpaceMap fsm) {
        this.cache = cache;
        this.fileId = fileId;
        this.fsm = fsm;
    }

    /** Frees pages (by pruning) for a chain that found none, skipping the pages already reserved. */
    interface PageFreer {
        /** True if some page may have become free. */
        boolean freeSome(IntPredicate skip);
    }

    /**
     * Reserves, latched exclusively, the free pages a chain of {@code length} bytes needs: free
     * pages from the map first, then pages {@code freer} frees, new pages at the end of the file
     * last. The caller writes them in its edit, commits, then closes the reservation.
     */
    Reservation reserve(int length, PageFreer freer) {
        int needed = OverflowPage.pagesFor(length);
        writers.lock();
        List<Page> pages = new ArrayList<>(needed);
        IntPredicate reserved = p -> {
            for (Page page : pages) {
                if (page.id().pageNo() == p) {
                    return true;
                }
            }
            return false;
        };
        try {
            int freeing = 0;
            while (pages.size() < needed) {
                int pageNo = fsm.claim(FreeSpaceMap.EMPTY);
                if (pageNo < 0 && freeing < MAX_FREEING && freer.freeSome(reserved)) {
                    freeing++;
                    continue;
                }
                if (pageNo >= cache.pageCount(fileId)) {
                    continue; // a stale hint (map loaded from an older file)
                }
                Page page = pageNo >= 0 ? cache.pin(new PageId(fileId, pageNo)) : cache.allocate(fileId);
                page.latchExclusive();
                ByteBuffer data = page.data();
                if (PageLayout.type(data) == PageLayout.TYPE_FREE) {
                    pages.add(page);
                    fsm.set(page.id().pageNo(), 0);
                } else {
                    fsm.set(page.id().pageNo(), FreeSpaceMap.categoryOf(data));
                    page.unlatchExclusive();
                    page.close();
                }
            }
            return new Reservation(pages);
        } catch (RuntimeException | Error e) {
            releaseExclusive(pages);
            writers.unlock();
            throw e;
        }
    }

    /** Free pages reserved for one chain, latched exclusively, in chain order. */
    final class Reservation implements AutoCloseable {
        private final List<Page> pages;
        private boolean written;

        private Reservation(List<Page> pages) {
            this.pages = pages;
        }

        int firstPage() {
            return pages.get(0).id().pageNo();
        }

        boolean contains(int pageNo) {
            for (Page p : pages) {
                if (p.id().pageNo() == pageNo) {
                    return true;
                }
            }
            return false;
        }

        /** Writes the payload over the reserved pages within {@code edit}. */
        void write(PageEdit edit, byte[] payload) {
            int offset = 0;
            for (int i = 0; i < pages.size(); i++) {
                int next = i + 1 < pages.size() ? pages.get(i + 1).id().pageNo() : -1;
                int length = Math.min(OverflowPage.CAPACITY, payload.length - offset);
                OverflowPage.write(edit.write(pages.get(i)), next, payload, offset, length);
                offset += length;
            }
            written = true;
        }

        /** Releases the pages; pages left unwritten go back to the map as free. */
        @Override
        public void close() {
            try {
                if (!written) {
                    for (Page p : pages) {
                        fsm.set(p.id().pageNo(), FreeSpaceMap.EMPTY);
                    }
                }
                releaseExclusive(pages);
            } finally {
                writers.unlock();
            }
        }
    }

    /**
     * Reads a chain; the caller holds a latch on the heap page of the stub, so no pruner can free
     * the chain meanwhile. {@code owner} and {@code slot} name the row in errors.
     */
    byte[] read(PageId owner, int slot, int firstPage, int length) {
        checkLength(owner, slot, length);
        byte[] out = new byte[length];
        int pageNo = firstPage;
        int done = 0;
        while (done < length) {
            Page page = pinChainPage(owner, slot, pageNo);
            try {
                page.latchShared();
                try {
                    int used = checkChainPage(owner, slot, page.data(), length - done);
                    page.data().get(OverflowPage.DATA, out, done, used);
                    done += used;
                    pageNo = page.data().getInt(OverflowPage.NEXT);
                } finally {
                    page.unlatchShared();
                }
            } finally {
                page.close();
            }
        }
        return out;
    }

    /**
     * Pins and latches exclusively every page of a chain, checking it, and adds them to
     * {@code into} (which the caller releases with {@link #releaseExclusive}, also on failure).
     */
    void latchForFree(PageId owner, int slot, int firstPage, int length, List<Page> into) {
        checkLength(owner, slot, length);
        int pageNo = firstPage;
        int left = length;
        int start = into.size();
        while (left > 0) {
            for (int i = start; i < into.size(); i++) {
                if (into.get(i).id().pageNo() == pageNo) {
                    throw HeapFile.corrupt(owner, "overflow chain of slot " + slot + " has a cycle");
                }
            }
            Page page = pinChainPage(owner, slot, pageNo);
            try {
                page.latchExclusive();
            } catch (RuntimeException | Error e) {
                page.close();
                throw e;
            }
            into.add(page);
            left -= checkChainPage(owner, slot, page.data(), left);
            pageNo = page.data().getInt(OverflowPage.NEXT);
        }
    }

    /** Frees chain pages latched by {@link #latchForFree}, within the pruning edit. */
    static void free(PageEdit edit, List<Page> chainPages) {
        for (Page p : chainPages) {
            OverflowPage.free(edit.write(p));
        }
    }

    static void releaseExclusive(List<Page> pages) {
        RuntimeException failure = null;
        for (Page p : pages) {
            try {
                p.unlatchExclusive();
                p.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        pages.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private Page pinChainPage(PageId owner, int slot, int pageNo) {
        if (pageNo < 0 || pageNo >= cache.pageCount(fileId)) {
            throw HeapFile.corrupt(owner, "overflow chain of slot " + slot + " points at missing block " + pageNo);
        }
        return cache.pin(new PageId(fileId, pageNo));
    }

    /** Checks a chain page holding part of the {@code left} bytes still to read; returns its used bytes. */
    private static int checkChainPage(PageId owner, int slot, ByteBuffer data, int left) {
        int used = data.getInt(OverflowPage.USED);
        int expected = Math.min(OverflowPage.CAPACITY, left);
        if (PageLayout.type(data) != PageLayout.TYPE_OVERFLOW || used != expected
                || (used == left) != (data.getInt(OverflowPage.NEXT) == -1)) {
            throw HeapFile.corrupt(owner, "overflow chain of slot " + slot + " is broken");
        }
        return used;
    }

    private static void checkLength(PageId owner, int slot, int length) {
        if (length <= Tuple.MAX_INLINE_PAYLOAD || length > HeapFile.MAX_PAYLOAD) {
            throw HeapFile.corrupt(owner, "slot " + slot + " has an overflow length of " + length);
        }
    }
}

package org.rustydb.storage.paged.internal.heap;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.paged.internal.buffer.Page;
import org.rustydb.storage.paged.internal.buffer.PageCache;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;

/**
 * Test fixture: every page in memory, forever. Stricter than a real pool where it helps catch
 * bugs: latches are not reentrant (a thread latching a page it holds fails at once instead of
 * deadlocking), markDirty requires the exclusive latch, and pins are counted so tests can check
 * nothing leaks.
 */
final class MemoryPageCache implements PageCache {
    private final Map<Integer, List<MemoryPage>> files = new ConcurrentHashMap<>();
    final AtomicInteger pinCalls = new AtomicInteger();

    static final class MemoryPage implements Page {
        private final PageId id;
        private final ByteBuffer data = ByteBuffer.allocate(PageLayout.PAGE_SIZE);
        private final ReentrantReadWriteLock latch = new ReentrantReadWriteLock();
        final AtomicInteger pins = new AtomicInteger();

        MemoryPage(PageId id) {
            this.id = id;
        }

        @Override
        public PageId id() {
            return id;
        }

        @Override
        public ByteBuffer data() {
            if (pins.get() <= 0) {
                throw new IllegalStateException("page " + id + " used while not pinned");
            }
            return data;
        }

        ByteBuffer raw() {
            return data;
        }

        private void checkNotHeld() {
            if (latch.isWriteLockedByCurrentThread() || latch.getReadHoldCount() > 0) {
                throw new IllegalStateException("page " + id + " latched twice by one thread");
            }
        }

        @Override
        public void latchShared() {
            checkNotHeld();
            latch.readLock().lock();
        }

        @Override
        public void unlatchShared() {
            latch.readLock().unlock();
        }

        @Override
        public void latchExclusive() {
            checkNotHeld();
            latch.writeLock().lock();
        }

        @Override
        public void unlatchExclusive() {
            latch.writeLock().unlock();
        }

        boolean isLatchedExclusivelyByMe() {
            return latch.isWriteLockedByCurrentThread();
        }

        boolean isLatched() {
            return latch.isWriteLocked() || latch.getReadLockCount() > 0;
        }

        @Override
        public void markDirty(long lsn) {
            if (!latch.isWriteLockedByCurrentThread()) {
                throw new IllegalStateException("markDirty without the exclusive latch on " + id);
            }
            data.putLong(PageLayout.LSN_OFFSET, lsn);
        }

        @Override
        public void close() {
            if (pins.decrementAndGet() < 0) {
                throw new IllegalStateException("page " + id + " unpinned too often");
            }
        }
    }

    private List<MemoryPage> file(int fileId) {
        return files.computeIfAbsent(fileId, f -> new ArrayList<>());
    }

    @Override
    public Page pin(PageId id) {
        List<MemoryPage> pages = file(id.fileId());
        MemoryPage page;
        synchronized (pages) {
            if (id.pageNo() < 0 || id.pageNo() >= pages.size()) {
                throw DbException.of(SqlState.DATA_CORRUPTED, "could not read block %d of file %d", id.pageNo(), id.fileId());
            }
            page = pages.get(id.pageNo());
        }
        page.pins.incrementAndGet();
        pinCalls.incrementAndGet();
        return page;
    }

    @Override
    public Page allocate(int fileId) {
        List<MemoryPage> pages = file(fileId);
        MemoryPage page;
        synchronized (pages) {
            page = new MemoryPage(new PageId(fileId, pages.size()));
            pages.add(page);
        }
        page.pins.incrementAndGet();
        return page;
    }

    @Override
    public int pageCount(int fileId) {
        List<MemoryPage> pages = file(fileId);
        synchronized (pages) {
            return pages.size();
        }
    }

    /** The bytes of a page, for inspection (and for corrupting it on purpose). */
    ByteBuffer bytes(int fileId, int pageNo) {
        List<MemoryPage> pages = file(fileId);
        synchronized (pages) {
            return pages.get(pageNo).raw();
        }
    }

    /** Fails if any page is still pinned or latched: every operation must release what it took. */
    void assertNothingHeld() {
        for (List<MemoryPage> pages : files.values()) {
            synchronized (pages) {
                for (MemoryPage p : pages) {
                    if (p.pins.get() != 0 || p.isLatched()) {
                        throw new AssertionError("page " + p.id() + " still pinned (" + p.pins.get() + ") or latched");
                    }
                }
            }
        }
    }
}

package org.rustydb.storage.paged.internal.btree;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.paged.internal.buffer.Page;
import org.rustydb.storage.paged.internal.buffer.PageCache;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;

/**
 * An in-memory page cache for tests: every page stays in memory. It checks latch discipline
 * (no thread latches a page it already holds, unlatching needs the latch) and counts pins so a
 * test can assert that nothing leaked.
 */
final class TestPageCache implements PageCache {
    private final Map<Integer, List<TestPage>> files = new HashMap<>();
    private final AtomicInteger pins = new AtomicInteger();

    @Override
    public Page pin(PageId id) {
        TestPage page;
        synchronized (files) {
            List<TestPage> file = files.get(id.fileId());
            if (file == null || id.pageNo() < 0 || id.pageNo() >= file.size()) {
                throw DbException.of(SqlState.DATA_CORRUPTED, "no page " + id);
            }
            page = file.get(id.pageNo());
        }
        pins.incrementAndGet();
        return page.handle();
    }

    @Override
    public Page allocate(int fileId) {
        TestPage page;
        synchronized (files) {
            List<TestPage> file = files.computeIfAbsent(fileId, f -> new ArrayList<>());
            page = new TestPage(new PageId(fileId, file.size()));
            file.add(page);
        }
        pins.incrementAndGet();
        return page.handle();
    }

    @Override
    public int pageCount(int fileId) {
        synchronized (files) {
            List<TestPage> file = files.get(fileId);
            return file == null ? 0 : file.size();
        }
    }

    int pinned() {
        return pins.get();
    }

    /** The current bytes of a page (unlatched: for a quiescent test). */
    byte[] bytes(PageId id) {
        synchronized (files) {
            byte[] copy = new byte[PageLayout.PAGE_SIZE];
            Node.read(files.get(id.fileId()).get(id.pageNo()).data, 0, copy);
            return copy;
        }
    }

    /** True if the current thread holds the page's exclusive latch; true for other caches' pages (unknown). */
    static boolean holdsExclusive(Page page) {
        return !(page instanceof Handle h) || h.page.lock.isWriteLockedByCurrentThread();
    }

    private final class TestPage {
        final PageId id;
        final ByteBuffer data = ByteBuffer.allocate(PageLayout.PAGE_SIZE);
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

        TestPage(PageId id) {
            this.id = id;
        }

        Handle handle() {
            return new Handle(this);
        }
    }

    /** One pin of a page; close() unpins once. */
    private final class Handle implements Page {
        final TestPage page;
        private boolean closed;

        Handle(TestPage page) {
            this.page = page;
        }

        @Override
        public PageId id() {
            return page.id;
        }

        @Override
        public ByteBuffer data() {
            check();
            return page.data;
        }

        @Override
        public void latchShared() {
            notHeld();
            page.lock.readLock().lock();
        }

        @Override
        public void unlatchShared() {
            page.lock.readLock().unlock();
        }

        @Override
        public void latchExclusive() {
            notHeld();
            page.lock.writeLock().lock();
        }

        @Override
        public void unlatchExclusive() {
            page.lock.writeLock().unlock();
        }

        @Override
        public void markDirty(long lsn) {
            if (!page.lock.isWriteLockedByCurrentThread()) {
                throw new AssertionError("markDirty without the exclusive latch on " + page.id);
            }
            page.data.putLong(PageLayout.LSN_OFFSET, lsn);
        }

        @Override
        public void close() {
            check();
            closed = true;
            pins.decrementAndGet();
        }

        private void check() {
            if (closed) {
                throw new AssertionError("page " + page.id + " used after unpin");
            }
        }

        private void notHeld() {
            check();
            if (page.lock.getReadHoldCount() > 0 || page.lock.isWriteLockedByCurrentThread()) {
                throw new AssertionError("page " + page.id + " latched twice by one thread");
            }
        }
    }
}

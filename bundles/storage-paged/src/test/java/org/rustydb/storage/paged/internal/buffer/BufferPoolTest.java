package org.rustydb.storage.paged.internal.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rustydb.api.DbException;
import org.rustydb.storage.paged.internal.io.DiskManager;
import org.rustydb.storage.paged.internal.memory.MemoryBudget;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;
import org.rustydb.storage.paged.internal.page.PageWriter;

class BufferPoolTest {
    static final int FILE = 16385;

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Long> flushedLsns = new ArrayList<>();
    private final MemoryBudget memory = new MemoryBudget(1L << 30);
    private DiskManager disk;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private BufferPool pool(int capacity) {
        if (disk == null) {
            disk = new DiskManager(dir, false);
            open.add(disk);
        }
        BufferPool pool = new BufferPool(disk, capacity, flushedLsns::add, memory);
        open.add(pool);
        return pool;
    }

    /** Writes {@code pages} pages through a pool, page p holding p at offset 16. */
    static void fill(BufferPool pool, int fileId, int pages) {
        for (int p = 0; p < pages; p++) {
            try (Page page = pool.allocate(fileId)) {
                assertEquals(p, page.id().pageNo());
                write(page, 16, p, 100 + p);
            }
        }
        pool.flushAll();
    }

    /** A logged-looking change: header type, an int, then the LSN (as a PageEdit would). */
    static void write(Page page, int offset, int value, long lsn) {
        page.latchExclusive();
        try {
            PageWriter w = new PageWriter(page.data());
            w.putByte(PageLayout.TYPE_OFFSET, PageLayout.TYPE_HEAP);
            w.putInt(offset, value);
            page.markDirty(lsn);
        } finally {
            page.unlatchExclusive();
        }
    }

    static int read(Page page, int offset) {
        page.latchShared();
        try {
            return page.data().getInt(offset);
        } finally {
            page.unlatchShared();
        }
    }

    @Test
    void countsHitsMissesAndEvictions() {
        disk = new DiskManager(dir, false);
        open.add(disk);
        disk.createFile(FILE);
        fill(pool(8), FILE, 8);
        BufferPool pool = pool(4);
        for (int p : new int[] {0, 2, 4, 6}) { // not sequential: no read-ahead
            try (Page page = pool.pin(new PageId(FILE, p))) {
                assertEquals(p, read(page, 16));
            }
        }
        assertEquals(new BufferPoolStats(4, 0, 4, 0, 0, 0, 0), pool.stats());
        pool.pin(new PageId(FILE, 4)).close();
        pool.pin(new PageId(FILE, 0)).close();
        try (Page page = pool.pin(new PageId(FILE, 3))) {
            assertEquals(3, read(page, 16));
        }
        BufferPoolStats s = pool.stats();
        assertEquals(2, s.hits());
        assertEquals(5, s.misses());
        assertEquals(1, s.evictions());
        // the victim was page 2 or 6 (used once), not the pages used twice
        pool.pin(new PageId(FILE, 4)).close();
        pool.pin(new PageId(FILE, 0)).close();
        assertEquals(4, pool.stats().hits());
    }

    @Test
    void allocateAddsZeroedPagesAtTheLogicalEnd() {
        BufferPool pool = pool(4);
        disk.createFile(FILE);
        assertEquals(0, pool.pageCount(FILE));
        try (Page a = pool.allocate(FILE); Page b = pool.allocate(FILE)) {
            assertEquals(new PageId(FILE, 0), a.id());
            assertEquals(new PageId(FILE, 1), b.id());
            assertEquals(0, a.data().getLong(0));
            assertEquals(2, pool.pageCount(FILE));
            assertEquals(0, disk.pageCount(FILE), "nothing written yet");
        }
        DbException e = assertThrows(DbException.class, () -> pool.allocate(99));
        assertEquals("58030", e.sqlState());
        assertTrue(e.getMessage().contains("base/99"), e.getMessage());
    }

    @Test
    void flushAllThenReopenSeesTheData() {
        BufferPool pool = pool(16);
        disk.createFile(FILE);
        fill(pool, FILE, 10);
        try (Page page = pool.pin(new PageId(FILE, 7))) {
            write(page, 200, 4242, 500);
        }
        assertEquals(1, pool.stats().dirtyPages());
        pool.flushAll();
        assertEquals(0, pool.stats().dirtyPages());
        pool.close();
        assertEquals(10, disk.pageCount(FILE));

        BufferPool again = pool(16);
        assertEquals(10, again.pageCount(FILE));
        try (Page page = again.pin(new PageId(FILE, 7))) {
            assertEquals(7, read(page, 16));
            assertEquals(4242, read(page, 200));
            assertEquals(500, PageLayout.lsn(page.data()));
        }
    }

    @Test
    void logIsFlushedUpToThePageLsnBeforeThePageIsWritten() {
        disk = new DiskManager(dir, false);
        open.add(disk);
        disk.createFile(FILE);
        List<String> events = new ArrayList<>();
        BufferPool pool = new BufferPool(disk, 1, lsn -> {
            ByteBuffer onDisk = ByteBuffer.allocate(PageLayout.PAGE_SIZE);
            disk.read(new PageId(FILE, 0), onDisk);
            events.add("log " + lsn + " (disk LSN " + PageLayout.lsn(onDisk) + ")");
        }, memory);
        open.add(pool);
        try (Page page = pool.allocate(FILE)) {
            write(page, 16, 1, 777);
        }
        pool.flushAll();
        assertEquals(List.of("log 777 (disk LSN 0)"), events);
        try (Page page = pool.pin(new PageId(FILE, 0))) {
            assertEquals(0, page.data().getInt(PageLayout.CHECKSUM_OFFSET), "the live frame is never stamped");
            write(page, 16, 2, 778);
        }
        pool.allocate(FILE).close(); // capacity 1: evicting page 0 writes it first
        assertEquals(List.of("log 777 (disk LSN 0)", "log 778 (disk LSN 777)"), events);
        ByteBuffer onDisk = ByteBuffer.allocate(PageLayout.PAGE_SIZE);
        disk.read(new PageId(FILE, 0), onDisk);
        assertEquals(778, PageLayout.lsn(onDisk));
        assertEquals(2, onDisk.getInt(16));
        assertTrue(PageLayout.verifyChecksum(onDisk));
        assertEquals(2, pool.stats().pagesWritten());
        assertEquals(0, pool.stats().dirtyPages());
    }

    private void corrupt(int fileId, int pageNo) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("base/" + fileId).toFile(), "rw")) {
            long at = (long) pageNo * PageLayout.PAGE_SIZE + 1000;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x10);
        }
    }

    @Test
    void aBadChecksumGivesXx001AndIsNotCached() throws IOException {
        BufferPool writerPool = pool(8);
        disk.createFile(FILE);
        fill(writerPool, FILE, 3);
        writerPool.close();
        corrupt(FILE, 1);

        BufferPool pool = pool(8);
        for (int attempt = 0; attempt < 2; attempt++) {
            DbException e = assertThrows(DbException.class, () -> pool.pin(new PageId(FILE, 1)));
            assertEquals("XX001", e.sqlState());
            assertEquals("invalid page in block 1 of relation file base/16385", e.getMessage());
        }
        assertEquals(2, pool.stats().misses(), "the bad page was read again, not cached");
        try (Page good = pool.pin(new PageId(FILE, 2))) {
            assertEquals(2, read(good, 16));
        }
    }

    @Test
    void pinForRedoReturnsAnUnreadablePageZeroedAndFlagged() throws IOException {
        BufferPool writerPool = pool(8);
        disk.createFile(FILE);
        fill(writerPool, FILE, 2);
        writerPool.close();
        corrupt(FILE, 0);

        BufferPool pool = pool(8);
        BufferFrame torn = pool.pinForRedo(new PageId(FILE, 0));
        assertTrue(torn.wasTorn());
        assertTrue(pool.wasUnreadable(torn));
        assertEquals(0, PageLayout.lsn(torn.data()));
        assertEquals(0, torn.data().getInt(16));
        torn.close();
        // until redo rewrites it, nobody else may see the zeros as a valid page
        DbException e = assertThrows(DbException.class, () -> pool.pin(new PageId(FILE, 0)));
        assertEquals("XX001", e.sqlState());

        try (BufferFrame again = pool.pinForRedo(new PageId(FILE, 0))) {
            assertSame(torn, again);
            write(again, 16, 55, 900); // restored from a full-page image
            assertFalse(again.wasTorn());
        }
        try (Page page = pool.pin(new PageId(FILE, 0))) {
            assertEquals(55, read(page, 16));
        }
        try (BufferFrame good = pool.pinForRedo(new PageId(FILE, 1))) {
            assertFalse(pool.wasUnreadable(good));
        }
    }

    @Test
    void pagesPastTheEndFailUnlessPinnedForRedo() {
        BufferPool pool = pool(8);
        disk.createFile(FILE);
        fill(pool, FILE, 2);
        DbException e = assertThrows(DbException.class, () -> pool.pin(new PageId(FILE, 5)));
        assertEquals("XX001", e.sqlState());
        assertEquals("could not read block 5 in file \"base/16385\": read only 0 of 8192 bytes", e.getMessage());
        try (BufferFrame page = pool.pinForRedo(new PageId(FILE, 5))) {
            assertFalse(page.wasTorn());
            write(page, 16, 5, 1000);
        }
        assertEquals(6, pool.pageCount(FILE));
        try (Page hole = pool.pin(new PageId(FILE, 3))) {
            assertEquals(0, read(hole, 16), "pages before a redo-extended page are never-written pages");
        }
        pool.flushAll();
        assertEquals(6, disk.pageCount(FILE));
    }

    @Test
    void allPinnedGives53200() {
        BufferPool pool = pool(2);
        disk.createFile(FILE);
        Page a = pool.allocate(FILE);
        Page b = pool.allocate(FILE);
        DbException e = assertThrows(DbException.class, () -> pool.allocate(FILE));
        assertEquals("53200", e.sqlState());
        assertEquals("no unpinned buffers available", e.getMessage());
        assertEquals(2, pool.pageCount(FILE), "a failed allocation takes no page number");
        a.close();
        try (Page c = pool.allocate(FILE)) {
            assertEquals(2, c.id().pageNo());
            assertNotSame(b, c);
        }
        b.close();
        assertThrows(IllegalStateException.class, b::close, "unpinning twice is a bug");
    }

    @Test
    void aMissWritesDirtyVictimsWhenNoCleanOneIsLeft() {
        BufferPool pool = pool(2);
        disk.createFile(FILE);
        for (int p = 0; p < 6; p++) {
            try (Page page = pool.allocate(FILE)) {
                write(page, 16, p, 10 + p);
            }
        }
        BufferPoolStats s = pool.stats();
        assertEquals(4, s.pagesWritten());
        assertEquals(2, s.dirtyPages());
        assertEquals(List.of(10L, 11L, 12L, 13L), flushedLsns);
    }

    @Test
    void discardFileDropsPagesWithoutWritingThem() {
        BufferPool pool = pool(8);
        disk.createFile(FILE);
        disk.createFile(FILE + 1);
        fill(pool, FILE, 2);
        try (Page page = pool.pin(new PageId(FILE, 1))) {
            write(page, 16, 99, 300);
        }
        try (Page other = pool.allocate(FILE + 1)) {
            write(other, 16, 1, 301);
        }
        assertEquals(2, pool.stats().dirtyPages());
        long written = pool.stats().pagesWritten();
        pool.discardFile(FILE);
        assertEquals(1, pool.stats().dirtyPages());
        pool.flushAll();
        assertEquals(written + 1, pool.stats().pagesWritten(), "only the other file's page was written");
        try (Page page = pool.pin(new PageId(FILE, 1))) {
            assertEquals(1, read(page, 16), "re-read from disk: the discarded change is gone");
        }
        disk.deleteFile(FILE);
        pool.discardFile(FILE);
        assertEquals(0, pool.pageCount(FILE));
        assertThrows(DbException.class, () -> pool.pin(new PageId(FILE, 0)));
    }

    @Test
    void aFailedWriteLeavesThePageDirty() {
        BufferPool pool = pool(4);
        disk.createFile(FILE);
        try (Page page = pool.allocate(FILE)) {
            write(page, 16, 1, 5);
        }
        disk.deleteFile(FILE); // the write-out cannot open the file
        DbException e = assertThrows(DbException.class, pool::flushAll);
        assertEquals("58030", e.sqlState());
        assertTrue(e.getMessage().contains("base/16385"), e.getMessage());
        assertEquals(1, pool.stats().dirtyPages());
        disk.createFile(FILE);
        pool.flushAll();
        assertEquals(0, pool.stats().dirtyPages());
        assertEquals(1, disk.pageCount(FILE));
    }

    @Test
    void theBudgetMustHoldThePool() {
        disk = new DiskManager(dir, false);
        open.add(disk);
        MemoryBudget small = new MemoryBudget(10 * PageLayout.PAGE_SIZE);
        DbException e = assertThrows(DbException.class, () -> new BufferPool(disk, 11, lsn -> { }, small));
        assertEquals("53200", e.sqlState());
        assertEquals("Failed on request of size 90112 bytes for buffer pool.", e.detail());
        BufferPool pool = new BufferPool(disk, 10, lsn -> { }, small);
        assertEquals(10L * PageLayout.PAGE_SIZE, small.used());
        pool.close();
        assertEquals(0, small.used());
        assertThrows(IllegalStateException.class, () -> pool.pin(new PageId(1, 0)));
    }

    @Test
    void discardAllDropsEverythingAndCloses() {
        BufferPool pool = pool(4);
        disk.createFile(FILE);
        try (Page page = pool.allocate(FILE)) {
            write(page, 16, 1, 5);
        }
        long before = memory.used();
        pool.discardAll();
        assertEquals(before - 4L * PageLayout.PAGE_SIZE, memory.used());
        assertEquals(0, disk.pageCount(FILE));
        assertTrue(flushedLsns.isEmpty());
    }
}

package org.rustydb.storage.paged.internal.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.paged.internal.page.PageLayout;

class HeapFileTest {
    static final int FILE = 16385;
    private final MemoryPageCache cache = new MemoryPageCache();
    private final RecordingEditLog log = new RecordingEditLog();
    private final HeapFile heap = HeapFile.create(cache, log, FILE);

    @AfterEach
    void nothingLeaks() {
        cache.assertNothingHeld();
    }

    static byte[] payload(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Dead: deleted by a "committed" xid below 1000, or inserted by xid 666 ("aborted"). */
    static final TupleFilter DEAD = (xmin, xmax) -> xmin == 666 || (xmax != 0 && xmax < 1000);

    @Test
    void rowsRoundTripAcrossPages() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(heap.insert(10 + i, payload(i % 300, i)));
        }
        assertTrue(heap.pageCount() > 10, "rows spread over pages: " + heap.pageCount());
        for (int i = 0; i < 1000; i++) {
            StoredTuple t = heap.read(ids.get(i));
            assertEquals(10 + i, t.xmin());
            assertEquals(0, t.xmax());
            assertEquals(ids.get(i), t.rowId());
            assertArrayEquals(payload(i % 300, i), t.payload());
        }
        assertEquals(0, HeapFile.pageOf(ids.get(0)));
        assertEquals(0, HeapFile.slotOf(ids.get(0)));
        assertEquals(1, HeapFile.slotOf(ids.get(1)));
        assertNull(heap.read(HeapFile.rowId(0, 5000)), "slot out of range");
        assertNull(heap.read(HeapFile.rowId(9999, 0)), "page out of range");
        assertNull(heap.read(-1));
    }

    @Test
    void overflowRowsRoundTripAndTheirPagesAreFreedByPrune() {
        byte[] big = payload(10_000, 1);
        byte[] huge = payload(1 << 20, 2);
        byte[] edge = payload(Tuple.MAX_INLINE_PAYLOAD + 1, 3);
        byte[] inline = payload(Tuple.MAX_INLINE_PAYLOAD, 4);
        long a = heap.insert(5, big);
        long b = heap.insert(6, huge);
        long c = heap.insert(7, edge);
        long d = heap.insert(8, inline);
        assertArrayEquals(big, heap.read(a).payload());
        assertArrayEquals(huge, heap.read(b).payload());
        assertArrayEquals(edge, heap.read(c).payload());
        assertArrayEquals(inline, heap.read(d).payload());
        int chainPages = OverflowPage.pagesFor(10_000) + OverflowPage.pagesFor(1 << 20) + 1;
        assertEquals(1 + chainPages, heap.pageCount(), "one heap page, the rest overflow");
        // stubs are small: all four rows share the heap page
        assertEquals(HeapFile.pageOf(a), HeapFile.pageOf(d));

        assertEquals(0, heap.setXmaxIf(a, 500, x -> x == 0));
        assertEquals(0, heap.setXmaxIf(b, 501, x -> x == 0));
        long[] pruned = heap.prune(HeapFile.pageOf(a), DEAD);
        assertArrayEquals(new long[] {a, b}, pruned);
        assertNull(heap.read(a));
        assertNull(heap.read(b));
        assertArrayEquals(edge, heap.read(c).payload());
        FreeSpaceMap fsm = heap.freeSpaceMap();
        int empty = 0;
        for (int p = 0; p < heap.pageCount(); p++) {
            if (fsm.get(p) == FreeSpaceMap.EMPTY) {
                empty++;
                assertEquals(PageLayout.TYPE_FREE, PageLayout.type(cache.bytes(FILE, p)));
            }
        }
        assertEquals(OverflowPage.pagesFor(10_000) + OverflowPage.pagesFor(1 << 20), empty);

        // the freed pages take the next big row: the file does not grow
        int pages = heap.pageCount();
        long e = heap.insert(9, huge);
        assertEquals(pages, heap.pageCount());
        assertArrayEquals(huge, heap.read(e).payload());
        assertArrayEquals(new long[] {a, b}, heap.deadRowIds(HeapFile.pageOf(a)));
    }

    @Test
    void setXmaxIfOnlyWritesWhenThePredicateAccepts() {
        long row = heap.insert(5, payload(50, 1));
        int commits = log.commits;
        assertEquals(0, heap.setXmaxIf(row, 7, x -> x == 0));
        assertEquals(7, heap.read(row).xmax());
        assertEquals(commits + 1, log.commits);
        // a second writer sees 7 and backs off: nothing is written
        assertEquals(7, heap.setXmaxIf(row, 8, x -> x == 0));
        assertEquals(7, heap.read(row).xmax());
        assertEquals(commits + 1, log.commits);
        // once 7 is known aborted, 8 may overwrite it
        assertEquals(7, heap.setXmaxIf(row, 8, x -> x == 0 || x == 7));
        assertEquals(8, heap.read(row).xmax());
        assertEquals(8, log.entries.get(log.entries.size() - 1).xid(), "logged for the writing transaction");

        DbException missing = assertThrows(DbException.class, () -> heap.setXmaxIf(HeapFile.rowId(0, 9), 9, x -> true));
        assertEquals(SqlState.INTERNAL_ERROR, missing.sqlState());
        assertThrows(DbException.class, () -> heap.setXmaxIf(HeapFile.rowId(50, 0), 9, x -> true));
    }

    @Test
    void updateStaysOnThePageWhenItFitsInOneEdit() {
        long row = heap.insert(5, payload(100, 1));
        int commits = log.commits;
        UpdateResult r = heap.update(9, row, payload(120, 2), x -> x == 0);
        assertTrue(r.updated());
        assertEquals(0, r.previousXmax());
        assertEquals(HeapFile.pageOf(row), HeapFile.pageOf(r.newRowId()));
        assertEquals(commits + 1, log.commits, "xmax and new version in one edit");
        assertEquals(9, heap.read(row).xmax());
        StoredTuple now = heap.read(r.newRowId());
        assertEquals(9, now.xmin());
        assertArrayEquals(payload(120, 2), now.payload());

        UpdateResult refused = heap.update(10, row, payload(10, 3), x -> x == 0);
        assertFalse(refused.updated());
        assertEquals(9, refused.previousXmax());
        assertEquals(commits + 1, log.commits);

        // an overflow new version on the same page, chain written in the same edit
        UpdateResult big = heap.update(11, r.newRowId(), payload(50_000, 4), x -> x == 0);
        assertEquals(HeapFile.pageOf(row), HeapFile.pageOf(big.newRowId()));
        assertEquals(commits + 2, log.commits);
        assertArrayEquals(payload(50_000, 4), heap.read(big.newRowId()).payload());
    }

    @Test
    void updateMovesToAnotherPageWhenFull() {
        List<Long> ids = new ArrayList<>();
        long first = heap.insert(5, payload(1000, 0));
        ids.add(first);
        while (heap.pageCount() == 1) {
            ids.add(heap.insert(5, payload(1000, ids.size())));
        }
        UpdateResult r = heap.update(9, first, payload(1500, 99), x -> x == 0);
        assertTrue(r.updated());
        assertTrue(HeapFile.pageOf(r.newRowId()) > 0);
        assertEquals(9, heap.read(first).xmax());
        assertArrayEquals(payload(1500, 99), heap.read(r.newRowId()).payload());
    }

    @Test
    void scanSeesEveryRowOnceInRowIdOrderWithoutHoldingPages() {
        Map<Long, Integer> rows = new HashMap<>();
        for (int i = 0; i < 600; i++) {
            rows.put(heap.insert(1, i % 50 == 7 ? payload(9000, i) : payload(i % 200, i)), i);
        }
        long prunedRow = rows.keySet().iterator().next();
        heap.setXmaxIf(prunedRow, 4, x -> true);
        heap.prune(HeapFile.pageOf(prunedRow), DEAD);
        rows.remove(prunedRow);
        try (HeapFile.Scan scan = heap.scan()) {
            long previous = -1;
            while (scan.next()) {
                cache.assertNothingHeld();
                assertTrue(scan.rowId() > previous, "row-id order");
                previous = scan.rowId();
                Integer i = rows.remove(scan.rowId());
                assertNotNull(i, "row seen once: " + scan.rowId());
                byte[] expected = i % 50 == 7 ? payload(9000, i) : payload(i % 200, i);
                // the in-place view first: the copy payload() makes must not be what it shows
                assertArrayEquals(expected, Arrays.copyOfRange(scan.payloadArray(), scan.payloadOffset(),
                        scan.payloadOffset() + scan.payloadLength()), "row " + i + " in place");
                assertArrayEquals(expected, scan.payload(), "row " + i);
                assertEquals(1, scan.xmin());
                assertEquals(0, scan.xmax());
            }
        }
        assertTrue(rows.isEmpty(), "rows not seen: " + rows);
    }

    @Test
    void scanSkipsAnOverflowRowPrunedAfterItsPageWasCopied() {
        long a = heap.insert(1, payload(20_000, 1));
        long b = heap.insert(2, payload(20_000, 2));
        heap.setXmaxIf(b, 3, x -> true);
        HeapFile.Scan scan = heap.scan();
        assertTrue(scan.next());
        assertEquals(a, scan.rowId());
        heap.prune(HeapFile.pageOf(b), DEAD); // frees b's chain while the scan has b's stub copied
        heap.insert(4, payload(40_000, 4)); // and reuses it
        assertFalse(scan.next());
    }

    @Test
    void damagedPagesGiveDataCorrupted() {
        long row = heap.insert(1, payload(100, 1));
        long big = heap.insert(1, payload(30_000, 2));
        ByteBuffer page = cache.bytes(FILE, 0);
        short lower = page.getShort(HeapPage.LOWER);
        page.putShort(HeapPage.LOWER, (short) 9000);
        DbException e = assertThrows(DbException.class, () -> heap.read(row));
        assertEquals(SqlState.DATA_CORRUPTED, e.sqlState());
        assertEquals("invalid page in block 0 of relation file base/16385", e.getMessage());
        page.putShort(HeapPage.LOWER, lower);
        assertNotNull(heap.read(row));

        int chainPage = Tuple.overflowFirstPage(page, HeapPage.tupleOffset(page, HeapFile.slotOf(big)));
        ByteBuffer overflowPage = cache.bytes(FILE, chainPage);
        overflowPage.putInt(OverflowPage.NEXT, chainPage); // a cycle
        e = assertThrows(DbException.class, () -> heap.read(big));
        assertEquals(SqlState.DATA_CORRUPTED, e.sqlState());
        heap.setXmaxIf(big, 2, x -> true);
        assertThrows(DbException.class, () -> heap.prune(0, DEAD));
        assertNotNull(heap.read(row), "a failed prune writes nothing");
        assertEquals(HeapPage.NORMAL, HeapPage.slotState(page, HeapFile.slotOf(big)));
    }

    @Test
    void pruneHintForgetsRolledBackDeleters() {
        long a = heap.insert(5, payload(10, 1));
        long b = heap.insert(5, payload(10, 2));
        heap.setXmaxIf(a, 2000, x -> x == 0); // will roll back
        heap.setXmaxIf(b, 3000, x -> x == 0); // still running
        ByteBuffer page = cache.bytes(FILE, 0);
        assertEquals(2000, HeapPage.pruneXid(page));
        TupleFilter filter = new TupleFilter() {
            @Override
            public boolean isDead(long xmin, long xmax) {
                return false;
            }

            @Override
            public boolean mayDie(long xmin, long xmax) {
                return xmax == 3000;
            }
        };
        assertEquals(0, heap.prune(0, filter).length);
        assertEquals(3000, HeapPage.pruneXid(page));
        assertTrue(heap.freeSpaceMap().isPrunable(0));
        heap.setXmaxIf(b, 2000, x -> true); // now only aborted deleters are left
        assertEquals(0, heap.prune(0, filter).length);
        assertEquals(0, HeapPage.pruneXid(page));
        assertFalse(heap.freeSpaceMap().isPrunable(0));
    }

    @Test
    void createRefusesANonEmptyFile() {
        heap.insert(1, payload(10, 1));
        assertThrows(DbException.class, () -> HeapFile.create(cache, log, FILE));
        HeapFile reopened = HeapFile.open(cache, log, FILE);
        assertEquals(1, reopened.pageCount());
    }
}

package org.rustydb.storage.paged.internal.heap;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.paged.internal.buffer.Page;
import org.rustydb.storage.paged.internal.buffer.PageCache;
import org.rustydb.storage.paged.internal.log.PageEdit;
import org.rustydb.storage.paged.internal.log.PageEditLog;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;

/**
 * The rows of one table: a file of slotted {@link HeapPage}s holding MVCC tuples (xmin, xmax,
 * opaque payload), big payloads in overflow chains, and a {@link FreeSpaceMap} so inserts reuse
 * space freed by pruning. Nothing is ever undone: a rolled-back insert stays until pruned, a
 * rolled-back delete leaves an xmax the engine ignores.
 *
 * <p>Row ids are {@code pageNo << 16 | slot}; they stay valid until the row is pruned and then
 * point at a DEAD slot (reads give null) until {@link #reclaimDeadSlots} frees the slot, which the
 * engine does only after removing the index entries that point at it.
 *
 * <p>Threading: safe for concurrent use; page latches protect page content, and no call waits for
 * a latch while holding another except in the order heap page, then its overflow chain (see
 * {@link OverflowStore} for the one exception and why it is safe).
 */
public final class HeapFile {
    /** The largest payload, PostgreSQL's limit for one value (1 GiB - 1). */
    public static final int MAX_PAYLOAD = 0x3FFFFFFF;

    private final PageCache cache;
    private final PageEditLog log;
    private final int fileId;
    private final TupleFilter pruneFilter;
    private final FreeSpaceMap fsm;
    private final OverflowStore overflow;
    private final Pruner pruner;
    private final Placement placement;
    private final VisibilityMap visibility = new VisibilityMap();

    private HeapFile(PageCache cache, PageEditLog log, int fileId, TupleFilter pruneFilter) {
        this.cache = cache;
        this.log = log;
        this.fileId = fileId;
        this.pruneFilter = pruneFilter;
        this.fsm = new FreeSpaceMap(cache.pageCount(fileId));
        this.overflow = new OverflowStore(cache, fileId, fsm);
        this.pruner = new Pruner(log, fsm, overflow, visibility);
        this.placement = new Placement(cache, log, fileId, fsm, pruner, pruneFilter, visibility);
    }

    /** A heap over an empty file. */
    public static HeapFile create(PageCache cache, PageEditLog log, int fileId) {
        return create(cache, log, fileId, null);
    }

    /** A heap over an empty file that prunes at insert time with {@code pruneFilter} (may be null). */
    public static HeapFile create(PageCache cache, PageEditLog log, int fileId, TupleFilter pruneFilter) {
        if (cache.pageCount(fileId) != 0) {
            throw DbException.of(SqlState.INTERNAL_ERROR, "heap file %d is not empty", fileId);
        }
        return new HeapFile(cache, log, fileId, pruneFilter);
    }

    /** A heap over an existing file; its free-space map starts unknown (see {@link FreeSpaceMap#load}). */
    public static HeapFile open(PageCache cache, PageEditLog log, int fileId) {
        return open(cache, log, fileId, null);
    }

    public static HeapFile open(PageCache cache, PageEditLog log, int fileId, TupleFilter pruneFilter) {
        return new HeapFile(cache, log, fileId, pruneFilter);
    }

    public static long rowId(int pageNo, int slot) {
        return (long) pageNo << 16 | slot;
    }

    public static int pageOf(long rowId) {
        return (int) (rowId >>> 16);
    }

    public static int slotOf(long rowId) {
        return (int) (rowId & 0xFFFF);
    }

    public int fileId() {
        return fileId;
    }

    public int pageCount() {
        return cache.pageCount(fileId);
    }

    /** The pages known all-visible, for index-only scans; in memory only, all clear when opened. */
    public VisibilityMap visibilityMap() {
        return visibility;
    }

    /** The free-space map, to save at a checkpoint and load after opening. */
    public FreeSpaceMap freeSpaceMap() {
        return fsm;
    }

    /**
     * Inserts a tuple (xmin {@code xid}, no xmax) and returns its row id. A payload over
     * {@link Tuple#MAX_INLINE_PAYLOAD} bytes goes to an overflow chain written in the same edit,
     * which pins all its pages at once (payload / 8168 + 2 pages of the pool); 54000 past
     * {@link #MAX_PAYLOAD}.
     */
    public long insert(long xid, byte[] payload) {
        checkPayload(payload);
        if (payload.length <= Tuple.MAX_INLINE_PAYLOAD) {
            return placement.place(xid, Tuple.inline(xid, payload), null, null);
        }
        try (OverflowStore.Reservation chain = overflow.reserve(payload.length, placement::pruneCandidates)) {
            return placement.place(xid, Tuple.stub(xid, payload.length, chain.firstPage()), chain, payload);
        }
    }

    /**
     * Inserts tuples as {@link #insert} does, in order, filling a page per edit where they are
     * small enough to be inline (a bulk load logs a record per page, not per row). Returns their
     * row ids.
     */
    public long[] insertAll(long xid, List<byte[]> payloads) {
        int n = payloads.size();
        long[] rowIds = new long[n];
        byte[][] inline = new byte[n][];
        for (int i = 0; i < n; i++) {
            byte[] payload = payloads.get(i);
            checkPayload(payload);
            inline[i] = payload.length <= Tuple.MAX_INLINE_PAYLOAD ? payload : null;
        }
        int i = 0;
        try {
            while (i < n) {
                if (inline[i] == null) {
                    rowIds[i] = insert(xid, payloads.get(i));
                    i++;
                    continue;
                }
                int end = i;
                while (end < n && inline[end] != null) {
                    end++;
                }
                i += placement.placeRun(xid, inline, i, end, rowIds);
            }
        } catch (RuntimeException e) {
            // stored without index entries: its own transaction must not see them either
            for (int j = 0; j < i; j++) {
                setXmaxIf(rowIds[j], xid, old -> old == 0);
            }
            throw e;
        }
        return rowIds;
    }

    /**
     * Whether {@code rowId} is a DEAD slot: its version was pruned and only index entries still
     * point at it, so whoever holds such an entry's leaf exclusively may remove the entry.
     */
    public boolean isDeadSlot(long rowId) {
        int pageNo = pageOf(rowId);
        int slot = slotOf(rowId);
        if (rowId < 0 || pageNo >= cache.pageCount(fileId)) {
            return false;
        }
        try (Page page = cache.pin(new PageId(fileId, pageNo))) {
            page.latchShared();
            try {
                ByteBuffer data = page.data();
                return HeapPage.isHeap(data) && slot < HeapPage.slotCount(data)
                        && HeapPage.slotState(data, slot) == HeapPage.DEAD;
            } finally {
                page.unlatchShared();
            }
        }
    }

    /** A copy of the tuple at {@code rowId}, or null if there is none (unused, pruned, out of range). */
    public StoredTuple read(long rowId) {
        return readLatched(rowId, (page, slot) -> HeapPage.isNormal(page.data(), slot)
                ? tupleAt(page, slot, rowId(page.id().pageNo(), slot)) : null);
    }

    /** A read of one slot of a heap page latched shared, whose header and slot are checked. */
    private interface SlotRead {
        StoredTuple read(Page page, int slot);
    }

    /** Runs {@code read} on the slot of {@code rowId} under the page's shared latch; null for a row id of no heap page. */
    private StoredTuple readLatched(long rowId, SlotRead read) {
        int pageNo = pageOf(rowId);
        if (rowId < 0 || pageNo >= cache.pageCount(fileId)) {
            return null;
        }
        try (Page page = cache.pin(new PageId(fileId, pageNo))) {
            page.latchShared();
            try {
                if (!HeapPage.isHeap(page.data())) {
                    return null;
                }
                checkValidSlot(page, slotOf(rowId));
                return read.read(page, slotOf(rowId));
            } finally {
                page.unlatchShared();
            }
        }
    }

    /** Which row versions a reader takes, by their creating and deleting transactions. */
    @FunctionalInterface
    public interface VersionTest {
        boolean test(long xmin, long xmax);
    }

    /**
     * The version an index entry naming {@code rowId} leads {@code wanted} to: the first along
     * the row's HOT chain (see {@link HeapChains}) that it accepts, with its own row id; null for
     * none. One latch covers the walk, so pruning never moves the chain under it.
     */
    public StoredTuple fetch(long rowId, VersionTest wanted) {
        return fetch(rowId, wanted, null);
    }

    /** {@link #fetch(long, VersionTest)}, adding each version passed over to {@code passed} (null: none). */
    private StoredTuple fetch(long rowId, VersionTest wanted, List<StoredTuple> passed) {
        return onChain(rowId, (page, start) -> {
            ByteBuffer data = page.data();
            int s = start;
            for (int steps = HeapPage.slotCount(data); s >= 0 && steps >= 0; steps--) {
                checkValidSlot(page, s);
                int off = HeapPage.tupleOffset(data, s);
                if (wanted.test(Tuple.xmin(data, off), Tuple.xmax(data, off))) {
                    return tupleAt(page, s, rowId(page.id().pageNo(), s));
                }
                if (passed != null) {
                    passed.add(tupleAt(page, s, rowId(page.id().pageNo(), s)));
                }
                s = HeapChains.successor(data, s);
            }
            return null;
        });
    }

    /** Every version of the HOT chain an index entry naming {@code rowId} leads to, in chain order (a check's view). */
    public List<StoredTuple> chain(long rowId) {
        List<StoredTuple> versions = new ArrayList<>();
        fetch(rowId, (xmin, xmax) -> false, versions);
        return versions;
    }

    /**
     * The newest version of the row an index entry names: its HOT chain followed to the end, or
     * to the last version whose successor's creator {@code aborted} says rolled back. Null if the
     * entry leads to no version.
     */
    public StoredTuple newestVersion(long rowId, LongPredicate aborted) {
        return onChain(rowId, (page, start) -> {
            ByteBuffer data = page.data();
            int s = start;
            for (int steps = HeapPage.slotCount(data); steps >= 0; steps--) {
                checkValidSlot(page, s);
                int next = HeapChains.successor(data, s);
                if (next < 0 || aborted.test(Tuple.xmin(data, HeapPage.tupleOffset(data, next)))) {
                    break;
                }
                s = next;
            }
            return tupleAt(page, s, rowId(page.id().pageNo(), s));
        });
    }

    /** A walk along a HOT chain from its first version's slot, on the page latched shared. */
    private interface ChainWalk {
        StoredTuple walk(Page page, int start);
    }

    /** Runs {@code walk} from where an index entry naming {@code rowId} leads; null if it leads nowhere. */
    private StoredTuple onChain(long rowId, ChainWalk walk) {
        return readLatched(rowId, (page, slot) -> {
            int start = HeapChains.start(page.data(), slot);
            return start < 0 ? null : walk.walk(page, start);
        });
    }

    /**
     * Stores {@code payload} as the heap-only successor of {@code oldRowId} on its page, which
     * {@code xid} has marked deleted (a HOT update: no index entries needed, see {@link HeapChains});
     * returns the new row id, or -1 (nothing written) if it does not fit there inline.
     */
    public long insertHeapOnly(long xid, long oldRowId, byte[] payload) {
        if (payload.length > Tuple.MAX_INLINE_PAYLOAD || oldRowId < 0 || pageOf(oldRowId) >= cache.pageCount(fileId)) {
            return -1;
        }
        return placement.placeHeapOnly(pinRow(oldRowId), xid, slotOf(oldRowId), payload);
    }

    /**
     * Sets the xmax of a row to {@code newXmax} if {@code canOverwrite} accepts the xmax found
     * (0 for none); returns the xmax found. Test and write happen under the page's exclusive
     * latch, so two writers of one row never both succeed. The predicate may look up transaction
     * status but must not latch heap or B+tree pages. A row that does not exist is an error.
     */
    public long setXmaxIf(long rowId, long newXmax, LongPredicate canOverwrite) {
        int pageNo = pageOf(rowId);
        int slot = slotOf(rowId);
        try (Page page = pinRow(rowId)) {
            page.latchExclusive();
            try {
                requireTuple(page, slot, rowId);
                long old = Tuple.xmax(page.data(), HeapPage.tupleOffset(page.data(), slot));
                if (canOverwrite.test(old)) {
                    visibility.clear(pageNo);
                    PageEdit edit = log.begin(newXmax);
                    HeapPage.setXmax(edit.write(page), slot, newXmax);
                    edit.commit();
                    if (newXmax != 0) {
                        fsm.markPrunable(pageNo);
                    }
                }
                return old;
            } finally {
                page.unlatchExclusive();
            }
        }
    }

    /**
     * Runs {@code action} on the xmax of a row under the page's exclusive latch, writing nothing:
     * for row locks kept outside the page, which must be taken atomically with respect to
     * {@link #setXmaxIf} on the same row. Same rules for the action as for its predicate.
     */
    public boolean testXmax(long rowId, LongPredicate action) {
        int slot = slotOf(rowId);
        try (Page page = pinRow(rowId)) {
            page.latchExclusive();
            try {
                requireTuple(page, slot, rowId);
                // a row lock is a change of the row's state, as in PostgreSQL: the page is no longer settled
                visibility.clear(pageOf(rowId));
                return action.test(Tuple.xmax(page.data(), HeapPage.tupleOffset(page.data(), slot)));
            } finally {
                page.unlatchExclusive();
            }
        }
    }

    /**
     * Replaces a row by a new version: sets the old version's xmax to {@code xid} (if
     * {@code canOverwrite} accepts the xmax found, as {@link #setXmaxIf}) and inserts the new
     * one, on the same page in the same edit when it fits.
     */
    public UpdateResult update(long xid, long oldRowId, byte[] payload, LongPredicate canOverwrite) {
        checkPayload(payload);
        int pageNo = pageOf(oldRowId);
        int slot = slotOf(oldRowId);
        OverflowStore.Reservation chain = payload.length > Tuple.MAX_INLINE_PAYLOAD ? overflow.reserve(payload.length, placement::pruneCandidates) : null;
        try {
            byte[] tuple = chain == null ? Tuple.inline(xid, payload) : Tuple.stub(xid, payload.length, chain.firstPage());
            long old;
            try (Page page = pinRow(oldRowId)) {
                page.latchExclusive();
                try {
                    requireTuple(page, slot, oldRowId);
                    ByteBuffer data = page.data();
                    old = Tuple.xmax(data, HeapPage.tupleOffset(data, slot));
                    if (!canOverwrite.test(old)) {
                        return new UpdateResult(old, -1);
                    }
                    if (HeapPage.freeSpace(data) < tuple.length && Pruner.worthPruning(data, pruneFilter)) {
                        pruner.pruneLatched(page, pruneFilter);
                    }
                    boolean fits = HeapPage.freeSpace(data) >= tuple.length;
                    visibility.clear(pageNo);
                    PageEdit edit = log.begin(xid);
                    HeapPage.setXmax(edit.write(page), slot, xid);
                    int newSlot = fits ? HeapPage.addTuple(edit.write(page), tuple) : -1;
                    if (fits && chain != null) {
                        chain.write(edit, payload);
                    }
                    edit.commit();
                    fsm.markPrunable(pageNo);
                    if (fits) {
                        fsm.set(pageNo, FreeSpaceMap.category(HeapPage.freeSpace(data)));
                        return new UpdateResult(old, rowId(pageNo, newSlot));
                    }
                } finally {
                    page.unlatchExclusive();
                }
            }
            // a crash before the insert below leaves the xmax of a transaction that never commits: harmless
            return new UpdateResult(old, placement.place(xid, tuple, chain, payload));
        } finally {
            if (chain != null) {
                chain.close();
            }
        }
    }

    /**
     * A cursor over the rows of the file in row-id order, page by page (see {@link HeapScan}).
     * Usage: {@code while (scan.next()) { scan.rowId(); scan.xmin(); scan.xmax(); scan.payload(); }}
     */
    public interface Scan extends AutoCloseable {
        /** Moves to the next row; false at the end. */
        boolean next();

        /** The current row. */
        StoredTuple tuple();

        default long rowId() {
            return tuple().rowId();
        }

        default long xmin() {
            return tuple().xmin();
        }

        default long xmax() {
            return tuple().xmax();
        }

        default byte[] payload() {
            return tuple().payload();
        }

        /**
         * The array holding the current row's payload, at {@link #payloadOffset} for
         * {@link #payloadLength} bytes: possibly a buffer the scan reuses, valid until the next
         * call to {@link #next}; read it there rather than copy it with {@link #payload}.
         */
        default byte[] payloadArray() {
            return payload();
        }

        default int payloadOffset() {
            return 0;
        }

        default int payloadLength() {
            return payloadArray().length;
        }

        /** Nothing to release (a scan holds no pin or latch between calls); ends the scan. */
        @Override
        void close();
    }

    /** A {@link Scan} that also tells where each row stands in its HOT chain (see {@link HeapChains}). */
    public interface ChainScan extends Scan {
        /** The row id index entries name for the current row (its chain's root), -1 if none leads to it. */
        long chainRoot();

        /** The current row's place along its chain: 0 for the root tuple, higher for later versions. */
        int chainDepth();
    }

    /** A scan over the pages that exist now; it never holds a latch or pin between calls. */
    public Scan scan() {
        return new HeapScan(this, cache.pageCount(fileId));
    }

    /** {@link #scan}, telling each row's place in its HOT chain: what an index build needs. */
    public ChainScan scanChains() {
        return new HeapScan(this, cache.pageCount(fileId));
    }

    /**
     * Prunes one page: tuples {@code dead} says are dead to everyone lose their space (and their
     * overflow pages, which become free pages) and their slots become DEAD, so their row ids are
     * not reused while index entries may point at them. Returns the row ids made DEAD.
     */
    public long[] prune(int pageNo, TupleFilter dead) {
        if (pageNo < 0 || pageNo >= cache.pageCount(fileId)) {
            return new long[0];
        }
        try (Page page = cache.pin(new PageId(fileId, pageNo))) {
            page.latchExclusive();
            try {
                if (!HeapPage.isHeap(page.data())) {
                    return new long[0];
                }
                return pruner.pruneLatched(page, dead); // checks the page as it reads it
            } finally {
                page.unlatchExclusive();
            }
        }
    }

    /**
     * Vacuum's pass over one page: prunes every tuple {@code dead} says is dead to everyone (as
     * {@link #prune}, whatever the page's prune hint says) and returns the row ids of all the DEAD
     * slots of the page, pruned now or before, in slot order: vacuum removes their index entries,
     * then frees them with {@link #reclaimDeadSlots}. Empty for a page that is not a heap page
     * (an overflow or free page). {@code dead} sees each tuple once.
     */
    public long[] vacuumPage(int pageNo, TupleFilter dead) {
        if (pageNo < 0 || pageNo >= cache.pageCount(fileId)) {
            return new long[0];
        }
        try (Page page = cache.pin(new PageId(fileId, pageNo))) {
            page.latchExclusive();
            try {
                ByteBuffer data = page.data();
                if (!HeapPage.isHeap(data)) {
                    return new long[0];
                }
                pruner.pruneLatched(page, dead); // checks the page as it reads it
                long[] deadSlots = deadSlots(pageNo, data);
                if (deadSlots.length == 0) {
                    markIfAllVisible(page, dead);
                }
                return deadSlots;
            } finally {
                page.unlatchExclusive();
            }
        }
    }

    private static long[] deadSlots(int pageNo, ByteBuffer data) {
        long[] out = new long[HeapPage.slotCount(data)];
        int n = 0;
        for (int s = 0; s < out.length; s++) {
            if (HeapPage.slotState(data, s) == HeapPage.DEAD) {
                out[n++] = rowId(pageNo, s);
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The row ids of the DEAD slots of a page (after a crash, to finish an interrupted vacuum). */
    public long[] deadRowIds(int pageNo) {
        if (pageNo < 0 || pageNo >= cache.pageCount(fileId)) {
            return new long[0];
        }
        try (Page page = cache.pin(new PageId(fileId, pageNo))) {
            page.latchShared();
            try {
                ByteBuffer data = page.data();
                if (!HeapPage.isHeap(data)) {
                    return new long[0];
                }
                checkValid(page);
                return deadSlots(pageNo, data);
            } finally {
                page.unlatchShared();
            }
        }
    }

    /**
     * Makes the given DEAD slots of one page UNUSED, free for new rows; the engine calls it after
     * removing every index entry pointing at them. Slots not DEAD are left alone. A page left with
     * no slot at all becomes a free page. Returns the number of slots freed.
     */
    public int reclaimDeadSlots(int pageNo, long[] rowIds) {
        return reclaimDeadSlots(pageNo, rowIds, null);
    }

    /**
     * {@link #reclaimDeadSlots(int, long[])}, then marks the page all-visible if it has no DEAD
     * slot left and {@code visible} (may be null) says every tuple on it is visible to all.
     */
    public int reclaimDeadSlots(int pageNo, long[] rowIds, TupleFilter visible) {
        for (long id : rowIds) {
            if (pageOf(id) != pageNo || id < 0) {
                throw new IllegalArgumentException("row id " + id + " is not on page " + pageNo);
            }
        }
        if (pageNo < 0 || pageNo >= cache.pageCount(fileId)) {
            return 0;
        }
        try (Page page = cache.pin(new PageId(fileId, pageNo))) {
            page.latchExclusive();
            try {
                ByteBuffer data = page.data();
                if (!HeapPage.isHeap(data)) {
                    return 0;
                }
                checkValid(page);
                int freed = pruner.reclaimLatched(page, rowIds);
                if (visible != null && HeapPage.isHeap(data) && deadSlots(pageNo, data).length == 0) {
                    markIfAllVisible(page, visible);
                }
                return freed;
            } finally {
                page.unlatchExclusive();
            }
        }
    }

    /** Builds the error for a damaged page, as PostgreSQL words it, with what is wrong as detail. */
    static DbException corrupt(PageId page, String detail) {
        return DbException.of(SqlState.DATA_CORRUPTED, "invalid page in block %d of relation file base/%d",
                page.pageNo(), page.fileId()).withDetail(detail);
    }

    // ---- scan support ----

    /**
     * Copies one heap page whole under its shared latch into {@code into} (a page-sized array),
     * after checking its header, slot array and overflow stubs; false (nothing copied) if it is no
     * heap page. One copy per page is cheaper than a copy per tuple, and the scan decodes from it
     * without any latch. Overflow payloads stay behind for {@link #finish}, so a page of big rows
     * never has to be in memory at once.
     */
    boolean copyPage(int pageNo, byte[] into) {
        try (Page page = cache.pin(new PageId(fileId, pageNo))) {
            page.latchShared();
            try {
                ByteBuffer data = page.data();
                if (!HeapPage.isHeap(data)) {
                    return false;
                }
                checkValid(page);
                for (int s = 0, n = HeapPage.slotCount(data); s < n; s++) {
                    if (HeapPage.slotState(data, s) == HeapPage.NORMAL && Tuple.hasOverflow(data, HeapPage.tupleOffset(data, s))) {
                        checkStub(page, s);
                    }
                }
                data.get(0, into, 0, PageLayout.PAGE_SIZE);
                return true;
            } finally {
                page.unlatchShared();
            }
        }
    }

    /**
     * Reads the overflow payload of a row copied by {@link #copyPage} without it; null if the row
     * was pruned since (it was dead to everyone then, so no scan may see it anyway).
     */
    StoredTuple finish(StoredTuple stub) {
        StoredTuple now = read(stub.rowId());
        boolean same = now != null && now.xmin() == stub.xmin() && now.payload().length > Tuple.MAX_INLINE_PAYLOAD;
        return same ? now : null;
    }

    // ---- internals ----

    /**
     * Sets the page's all-visible bit if every tuple on it is visible to all as {@code filter}
     * says; the page is latched exclusively and holds no DEAD slot (an index entry may still point
     * at one, and must not pass for a visible row).
     */
    private void markIfAllVisible(Page page, TupleFilter filter) {
        ByteBuffer data = page.data();
        for (int s = 0, n = HeapPage.slotCount(data); s < n; s++) {
            if (HeapPage.slotState(data, s) == HeapPage.NORMAL) {
                int off = HeapPage.tupleOffset(data, s);
                if (!filter.visibleToAll(Tuple.xmin(data, off), Tuple.xmax(data, off))) {
                    return;
                }
            }
        }
        visibility.setAllVisible(page.id().pageNo());
    }

    private static void checkPayload(byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            throw DbException.of(SqlState.PROGRAM_LIMIT_EXCEEDED, "row is too big: size %d, maximum size %d",
                    payload.length, MAX_PAYLOAD);
        }
    }

    private Page pinRow(long rowId) {
        if (rowId < 0 || pageOf(rowId) >= cache.pageCount(fileId)) {
            throw noSuchRow(rowId);
        }
        return cache.pin(new PageId(fileId, pageOf(rowId)));
    }

    private void requireTuple(Page page, int slot, long rowId) {
        if (!HeapPage.isHeap(page.data())) {
            throw noSuchRow(rowId);
        }
        checkValidSlot(page, slot);
        if (!HeapPage.isNormal(page.data(), slot)) {
            throw noSuchRow(rowId);
        }
    }

    private DbException noSuchRow(long rowId) {
        return DbException.of(SqlState.INTERNAL_ERROR, "row (%d,%d) of file %d does not exist",
                pageOf(rowId), slotOf(rowId), fileId);
    }

    /**
     * What a reader of one row checks: the header and that row's slot. Checking every slot on
     * each read made a row read cost as much as the page's slot array, long on a page that holds
     * many versions of an often updated row.
     */
    static void checkValidHeader(Page page) {
        if (!HeapPage.hasValidHeader(page.data())) {
            throw corrupt(page.id(), "inconsistent heap page header");
        }
    }

    static void checkValidSlot(Page page, int slot) {
        if (!HeapPage.hasValidHeader(page.data()) || !HeapPage.isValidSlot(page.data(), slot)) {
            throw corrupt(page.id(), "inconsistent heap page header or slot array");
        }
    }

    static void checkValid(Page page) {
        if (!HeapPage.isValid(page.data())) {
            throw corrupt(page.id(), "inconsistent heap page header or slot array");
        }
    }

    static void checkStub(Page page, int slot) {
        if (HeapPage.tupleLength(page.data(), slot) != Tuple.STUB_SIZE) {
            throw corrupt(page.id(), "slot " + slot + " has a malformed overflow stub");
        }
    }

    /** The tuple of a NORMAL slot, payload reassembled; the page is latched. */
    private StoredTuple tupleAt(Page page, int slot, long rowId) {
        ByteBuffer data = page.data();
        int off = HeapPage.tupleOffset(data, slot);
        byte[] payload;
        if (Tuple.hasOverflow(data, off)) {
            checkStub(page, slot);
            payload = overflow.read(page.id(), slot, Tuple.overflowFirstPage(data, off), Tuple.overflowLength(data, off));
        } else {
            payload = Tuple.inlinePayload(data, off, HeapPage.tupleLength(data, slot));
        }
        return new StoredTuple(rowId, Tuple.xmin(data, off), Tuple.xmax(data, off), payload);
    }
}

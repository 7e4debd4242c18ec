package org.rustydb.storage.paged.internal.heap;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One all-visible bit per heap page (PostgreSQL's visibility map): set, the page holds no DEAD
 * slot and every tuple on it was created by a transaction that committed before every snapshot
 * now open or to come and was never deleted, so an index entry pointing at the page names a row
 * every transaction sees and an index-only scan need not read the page.
 *
 * <p>Only vacuum sets a bit, under the page's exclusive latch, after checking the page; every
 * change to the page clears it under the same latch before the change is written, so a reader
 * that sees the change (an index entry added after it, or a commit of its transaction) and reads
 * the bit afterwards finds it clear: the bits are read and written with volatile semantics.
 *
 * <p>The map lives in memory only and starts all clear when a heap is opened (after a restart,
 * crash included), so it can never claim a page all-visible wrongly after kill -9; the next
 * vacuum sets the bits again. Words are grouped in chunks that are never replaced once created,
 * so a clear can never be lost to a concurrent growth of the map.
 */
public final class VisibilityMap {
    /** Pages per chunk: 1,024 words of 64 bits, 8 KiB of memory for 64 Ki pages (512 MiB of heap). */
    private static final int CHUNK_SHIFT = 16;
    private static final int CHUNK_WORDS = (1 << CHUNK_SHIFT) / 64;

    private final ConcurrentHashMap<Integer, AtomicLongArray> chunks = new ConcurrentHashMap<>();

    /** Whether the page is known all-visible. */
    public boolean isAllVisible(int pageNo) {
        AtomicLongArray chunk = chunks.get(pageNo >>> CHUNK_SHIFT);
        return chunk != null && (chunk.get(word(pageNo)) & bit(pageNo)) != 0;
    }

    /** Marks the page all-visible; the caller holds its exclusive latch and has checked it. */
    public void setAllVisible(int pageNo) {
        AtomicLongArray chunk = chunks.computeIfAbsent(pageNo >>> CHUNK_SHIFT, k -> new AtomicLongArray(CHUNK_WORDS));
        chunk.getAndUpdate(word(pageNo), w -> w | bit(pageNo));
    }

    /** Clears the page's bit: before any change to the page, under its exclusive latch. */
    public void clear(int pageNo) {
        AtomicLongArray chunk = chunks.get(pageNo >>> CHUNK_SHIFT);
        if (chunk != null && (chunk.get(word(pageNo)) & bit(pageNo)) != 0) {
            chunk.getAndUpdate(word(pageNo), w -> w & ~bit(pageNo));
        }
    }

    /** How many pages are marked all-visible now. */
    public long countAllVisible() {
        long n = 0;
        for (AtomicLongArray chunk : chunks.values()) {
            for (int i = 0; i < chunk.length(); i++) {
                n += Long.bitCount(chunk.get(i));
            }
        }
        return n;
    }

    private static int word(int pageNo) {
        return (pageNo & ((1 << CHUNK_SHIFT) - 1)) >>> 6;
    }

    private static long bit(int pageNo) {
        return 1L << (pageNo & 63);
    }
}

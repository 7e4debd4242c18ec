package org.rustydb.storage.paged.internal.buffer;

/**
 * A snapshot of the {@link BufferPool}'s counters, for monitoring and tests.
 *
 * @param capacity       frames in the pool
 * @param hits           pins served from memory
 * @param misses         pins that had to read the page (read-ahead pages not counted)
 * @param evictions      cached pages replaced to make room
 * @param pagesWritten   page writes to disk (evictions, background writer, checkpoints)
 * @param dirtyPages     pages changed in memory and not written yet
 * @param readAheadPages pages read ahead of a sequential scan
 */
public record BufferPoolStats(int capacity, long hits, long misses, long evictions, long pagesWritten,
                              int dirtyPages, long readAheadPages) {
}

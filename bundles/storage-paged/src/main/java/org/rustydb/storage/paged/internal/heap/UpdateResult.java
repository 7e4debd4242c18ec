package org.rustydb.storage.paged.internal.heap;

/**
 * The outcome of {@link HeapFile#update}: the xmax found on the old version and the row id of
 * the new version, -1 if the caller's predicate refused to overwrite that xmax (a concurrent
 * writer got there first) and nothing was written.
 */
public record UpdateResult(long previousXmax, long newRowId) {
    public boolean updated() {
        return newRowId >= 0;
    }
}

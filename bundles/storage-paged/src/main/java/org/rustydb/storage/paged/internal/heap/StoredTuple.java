package org.rustydb.storage.paged.internal.heap;

/**
 * A copy of one heap tuple: its row id, its inserting and deleting transactions (xmax 0 for
 * none) and its payload, reassembled from the overflow chain if it had one. The engine decides
 * visibility from xmin and xmax.
 */
public record StoredTuple(long rowId, long xmin, long xmax, byte[] payload) {
}

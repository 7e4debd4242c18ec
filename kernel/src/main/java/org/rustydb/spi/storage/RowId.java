package org.rustydb.spi.storage;

/**
 * A row identifier, stable for the life of the row version it names. Engines pack their own
 * addressing into it (a sequence number, or a page and slot); callers only compare and pass it back.
 */
public record RowId(long value) implements Comparable<RowId> {
    @Override
    public int compareTo(RowId other) {
        return Long.compare(value, other.value);
    }
}

package org.rustydb.spi.storage;

/** A row version: where it is and what it holds. */
public record RowVersion(RowId id, Object[] values) {
}

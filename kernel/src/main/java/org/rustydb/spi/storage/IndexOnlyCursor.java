package org.rustydb.spi.storage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The cursor of an index-only scan ({@link StorageEngine#scanIndexOnly}): rows as a
 * {@link RowCursor} hands them out, plus how many of them the engine had to check in the table
 * because the index alone could not tell that they were visible (EXPLAIN ANALYZE's Heap Fetches).
 */
@ProviderType
public interface IndexOnlyCursor extends RowCursor {
    /** The index entries so far whose visibility (or values) had to be read from the table's row. */
    long heapFetches();
}

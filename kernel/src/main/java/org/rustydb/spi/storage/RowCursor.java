package org.rustydb.spi.storage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A forward-only cursor over the rows of a table.
 *
 * <p>Threading: one thread at a time. Lifetime: the caller closes it; it must not outlive the
 * transaction it was opened in. A cursor never throws ConcurrentModificationException: rows
 * changed by others while it is open may or may not be seen, as the engine's isolation says.
 */
@ProviderType
public interface RowCursor extends AutoCloseable {
    /** Moves to the next row; false at the end. */
    boolean next();

    /** The identifier of the current row. */
    RowId rowId();

    /** The values of the current row, in column order. The array must not be modified. */
    Object[] row();

    @Override
    void close();
}

package org.rustydb.spi.storage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An opaque reference to a table of one storage engine. Only the engine that made a handle may be
 * given it back; a handle of a dropped table makes every operation fail with 42P01.
 */
@ProviderType
public interface TableHandle {
    /** The table's definition: as created, or as the last ALTER visible to the caller left it. */
    TableDefinition definition();
}

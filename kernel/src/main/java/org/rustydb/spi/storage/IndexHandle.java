package org.rustydb.spi.storage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An opaque reference to an index of one storage engine. A handle of a dropped index (or of an
 * index of a dropped table) makes every operation fail with 42704 or 42P01.
 */
@ProviderType
public interface IndexHandle {
    /** What the index was created with. */
    IndexDefinition definition();

    /** The indexed table. */
    TableHandle table();
}

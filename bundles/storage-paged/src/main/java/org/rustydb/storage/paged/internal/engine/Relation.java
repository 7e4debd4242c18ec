package org.rustydb.storage.paged.internal.engine;

/**
 * A table or an index: the things that share a schema's namespace. Each is a version of a catalog
 * tuple, created by one transaction and possibly being dropped by another.
 */
interface Relation {
    String schema();

    String name();

    /** The transaction that created it (0: it predates every running transaction). */
    long createdBy();

    /** The transaction dropping it, or 0. */
    long droppedBy();
}

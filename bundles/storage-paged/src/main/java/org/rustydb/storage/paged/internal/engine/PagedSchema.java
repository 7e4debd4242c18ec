package org.rustydb.storage.paged.internal.engine;

/** A schema of the paged engine: a version of its catalog tuple, created and dropped like a table's. */
final class PagedSchema {
    private final String name;
    private final long catalogRowId;
    private final long createdBy;
    private volatile long droppedBy;

    PagedSchema(String name, long catalogRowId, long createdBy) {
        this.name = name;
        this.catalogRowId = catalogRowId;
        this.createdBy = createdBy;
    }

    String name() {
        return name;
    }

    long catalogRowId() {
        return catalogRowId;
    }

    long createdBy() {
        return createdBy;
    }

    long droppedBy() {
        return droppedBy;
    }

    void setDroppedBy(long xid) {
        droppedBy = xid;
    }

    @Override
    public String toString() {
        return "paged schema " + name;
    }
}

package org.rustydb.storage.paged.internal.engine;

import org.rustydb.spi.storage.ViewDefinition;
import org.rustydb.spi.storage.ViewHandle;

/** A view of the paged engine: a version of its catalog tuple, created and dropped like a table's. */
final class PagedView implements ViewHandle, Relation {
    private final ViewDefinition definition;
    private final long catalogRowId;
    private final long createdBy;
    private volatile long droppedBy;

    PagedView(ViewDefinition definition, long catalogRowId, long createdBy) {
        this.definition = definition;
        this.catalogRowId = catalogRowId;
        this.createdBy = createdBy;
    }

    @Override
    public ViewDefinition definition() {
        return definition;
    }

    long catalogRowId() {
        return catalogRowId;
    }

    @Override
    public String schema() {
        return definition.schema();
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public long createdBy() {
        return createdBy;
    }

    @Override
    public long droppedBy() {
        return droppedBy;
    }

    void setDroppedBy(long xid) {
        droppedBy = xid;
    }

    @Override
    public String toString() {
        return "paged view " + schema() + "." + name();
    }
}

package org.rustydb.storage.paged.internal.engine;

import org.rustydb.spi.storage.SequenceDefinition;
import org.rustydb.spi.storage.SequenceHandle;
import org.rustydb.storage.paged.internal.catalog.SequenceRecord;

/**
 * A sequence of the paged engine: its catalog tuple (created and dropped like a table's) and its
 * state. The page of its file holds a value and whether it was handed out; after a crash the
 * sequence goes on from there. nextval logs ahead: the page is written (and the log forced) only
 * once every {@value Sequences#BATCH} values, saying the last of the batch was handed out, so a
 * recovered sequence never repeats a value (PostgreSQL's SEQ_LOG_VALS, with a force).
 */
final class PagedSequence implements SequenceHandle, Relation {
    private final SequenceRecord record;
    private final long catalogRowId;
    private final long createdBy;
    private volatile long droppedBy;
    /** The last value handed out (or the next one, while not {@link #called}); under this monitor. */
    long last;
    boolean called;
    /** What the page says: after a crash the sequence goes on from there. */
    long pageValue;
    boolean pageCalled;

    PagedSequence(SequenceRecord record, long catalogRowId, long createdBy, long value, boolean called) {
        this.record = record;
        this.catalogRowId = catalogRowId;
        this.createdBy = createdBy;
        this.last = value;
        this.called = called;
        this.pageValue = value;
        this.pageCalled = called;
    }

    @Override
    public SequenceDefinition definition() {
        return record.definition();
    }

    SequenceRecord record() {
        return record;
    }

    int fileId() {
        return record.fileId();
    }

    long catalogRowId() {
        return catalogRowId;
    }

    @Override
    public String schema() {
        return record.definition().schema();
    }

    @Override
    public String name() {
        return record.definition().name();
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
        return "paged sequence " + schema() + "." + name();
    }
}

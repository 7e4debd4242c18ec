package org.rustydb.storage.paged.internal.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.storage.SequenceDefinition;
import org.rustydb.spi.storage.SequenceHandle;
import org.rustydb.storage.paged.internal.buffer.Page;
import org.rustydb.storage.paged.internal.catalog.SequenceRecord;
import org.rustydb.storage.paged.internal.log.PageEdit;
import org.rustydb.storage.paged.internal.page.PageId;
import org.rustydb.storage.paged.internal.page.PageLayout;
import org.rustydb.storage.paged.internal.page.PageWriter;

/** CREATE/ALTER/DROP SEQUENCE and nextval/setval for the paged engine. */
final class Sequences {
    /** Values handed out per page write, as PostgreSQL's SEQ_LOG_VALS. */
    static final int BATCH = 32;
    private static final int MAGIC = 0x53455131;
    private static final int MAGIC_OFF = PageLayout.HEADER_SIZE;
    private static final int VALUE_OFF = MAGIC_OFF + 8;
    private static final int CALLED_OFF = VALUE_OFF + 8;

    private final PagedStorageEngine engine;
    private final Catalog catalog;

    Sequences(PagedStorageEngine engine, Catalog catalog) {
        this.engine = engine;
        this.catalog = catalog;
    }

    PagedSequence create(TxnWork w, SequenceDefinition definition) {
        long xid = w.xid();
        PagedStore store = engine.store();
        synchronized (catalog) {
            engine.checkNameFree(xid, definition.schema(), definition.name());
            int fileId = newFile(definition.start(), false);
            SequenceRecord record = new SequenceRecord(fileId, definition);
            long catalogRow = store.catalogHeap().insert(xid, record.encode());
            PagedSequence sequence = new PagedSequence(record, catalogRow, xid, definition.start(), false);
            catalog.add(sequence);
            w.sequenceCreated(sequence);
            return sequence;
        }
    }

    /** A new file whose page says the sequence goes on from {@code value}. */
    private int newFile(long value, boolean called) {
        PagedStore store = engine.store();
        int fileId = store.allocateFileId();
        store.disk().createFile(fileId);
        Page page = store.pool().allocate(fileId);
        try (page) {
            page.latchExclusive();
            try {
                PageEdit edit = store.log().begin(0);
                PageWriter pw = edit.write(page);
                pw.format(PageLayout.TYPE_SEQUENCE);
                pw.putInt(MAGIC_OFF, MAGIC);
                pw.putLong(VALUE_OFF, value);
                pw.putByte(CALLED_OFF, (byte) (called ? 1 : 0));
                edit.commit();
            } finally {
                page.unlatchExclusive();
            }
        }
        return fileId;
    }

    /**
     * ALTER SEQUENCE: a new version of the catalog tuple, with a file of its own (PostgreSQL's new
     * relfilenode) that goes on from the restart value or from where the sequence stood. A commit
     * drops the old version's file, a rollback the new one's, so a crash recovers one of the two.
     * Without {@code newGenerator} a rollback carries the values handed out since over to the old
     * version ({@link #afterAbort}).
     */
    void alter(TxnWork w, PagedSequence old, SequenceDefinition definition, Long restart, boolean newGenerator) {
        long xid = w.xid();
        PagedStore store = engine.store();
        synchronized (catalog) {
            if (engine.inProgressOther(old.createdBy(), xid) || engine.inProgressOther(old.droppedBy(), xid)) {
                throw PagedStorageEngine.tableLocked(old.name());
            }
            if (!engine.rows().visible(xid, old.createdBy(), old.droppedBy())) {
                throw undefined(old);
            }
            if (!definition.schema().equals(old.schema()) || !definition.name().equals(old.name())) {
                engine.checkNameFree(xid, definition.schema(), definition.name());
            }
            long value;
            boolean called;
            synchronized (old) {
                definition.checkRestart(restart != null ? restart : old.last);
                value = restart != null ? restart : old.last;
                called = restart == null && old.called;
            }
            engine.claimCatalogTuple(old.catalogRowId(), xid, old.name());
            old.setDroppedBy(xid);
            w.sequenceDropped(old);
            int fileId = newFile(value, called);
            SequenceRecord record = new SequenceRecord(fileId, definition);
            long catalogRow = store.catalogHeap().insert(xid, record.encode());
            PagedSequence altered = new PagedSequence(record, catalogRow, xid, value, called);
            catalog.add(altered);
            w.sequenceCreated(altered);
            if (!newGenerator) {
                w.sequenceCarried(new PagedSequence[] {altered, old});
            }
        }
    }

    /** After a rollback: the old versions of sequences only renamed or re-owned go on where the new ones stood. */
    void afterAbort(TxnWork w) {
        for (int i = w.carriedSequences.size() - 1; i >= 0; i--) {
            carry(w.carriedSequences.get(i)[0], w.carriedSequences.get(i)[1]);
        }
    }

    /** The old version of a sequence goes on where the new one, being taken back, stands. */
    void carry(PagedSequence altered, PagedSequence old) {
        long last;
        boolean called;
        long pageValue;
        boolean pageCalled;
        synchronized (altered) {
            last = altered.last;
            called = altered.called;
            pageValue = altered.pageValue;
            pageCalled = altered.pageCalled;
        }
        synchronized (old) {
            if (old.pageValue != pageValue || old.pageCalled != pageCalled) {
                writePage(old, pageValue, pageCalled);
            }
            old.last = last;
            old.called = called;
        }
    }

    /** Opens a sequence found in the catalog at startup, from its page. */
    PagedSequence open(SequenceRecord record, long catalogRowId, long xmin) {
        Page page = engine.store().pool().pin(new PageId(record.fileId(), 0));
        try (page) {
            page.latchShared();
            try {
                ByteBuffer b = page.data();
                if (PageLayout.type(b) != PageLayout.TYPE_SEQUENCE || b.getInt(MAGIC_OFF) != MAGIC) {
                    throw DbException.of(SqlState.DATA_CORRUPTED,
                            "invalid sequence page in block 0 of relation file base/" + record.fileId());
                }
                return new PagedSequence(record, catalogRowId, xmin, b.getLong(VALUE_OFF), b.get(CALLED_OFF) == 1);
            } finally {
                page.unlatchShared();
            }
        }
    }

    void drop(TxnWork w, PagedSequence sequence) {
        long xid = w.xid();
        synchronized (catalog) {
            if (engine.inProgressOther(sequence.createdBy(), xid) || engine.inProgressOther(sequence.droppedBy(), xid)) {
                throw PagedStorageEngine.tableLocked(sequence.name());
            }
            if (!engine.rows().visible(xid, sequence.createdBy(), sequence.droppedBy())) {
                throw undefined(sequence);
            }
            engine.claimCatalogTuple(sequence.catalogRowId(), xid, sequence.name());
            sequence.setDroppedBy(xid);
        }
        w.sequenceDropped(sequence);
    }

    Optional<SequenceHandle> find(long me, String schema, String name) {
        for (Relation version : catalog.versions(schema, name)) {
            if (version instanceof PagedSequence s && engine.rows().visible(me, s.createdBy(), s.droppedBy())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    List<SequenceHandle> list(long me) {
        List<SequenceHandle> out = new ArrayList<>();
        for (PagedSequence s : catalog.sequences()) {
            if (engine.rows().visible(me, s.createdBy(), s.droppedBy())) {
                out.add(s);
            }
        }
        return out;
    }

    long next(long me, PagedSequence s) {
        checkVisible(me, s);
        checkNotBusy(me, s);
        SequenceDefinition d = s.definition();
        synchronized (s) {
            long next;
            boolean wrapped = false;
            if (!s.called) {
                next = s.last;
            } else {
                long candidate;
                boolean overflow;
                try {
                    candidate = Math.addExact(s.last, d.increment());
                    overflow = candidate > d.maxValue() || candidate < d.minValue();
                } catch (ArithmeticException e) {
                    candidate = 0;
                    overflow = true;
                }
                if (overflow) {
                    if (!d.cycle()) {
                        throw DbException.of(SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED,
                                "nextval: reached %s value of sequence \"%s\" (%d)",
                                d.increment() > 0 ? "maximum" : "minimum", d.name(),
                                d.increment() > 0 ? d.maxValue() : d.minValue());
                    }
                    candidate = d.increment() > 0 ? d.minValue() : d.maxValue();
                    wrapped = true;
                }
                next = candidate;
            }
            if (wrapped || !covered(s, d, next)) {
                long reserved = next;
                for (int i = 1; i < BATCH; i++) {
                    long further = reserved + d.increment();
                    if ((d.increment() > 0 && (further > d.maxValue() || further < reserved))
                            || (d.increment() < 0 && (further < d.minValue() || further > reserved))) {
                        break;
                    }
                    reserved = further;
                }
                writePage(s, reserved, true);
            }
            s.last = next;
            s.called = true;
            return next;
        }
    }

    /** True if a sequence recovered from its page would go on past {@code value}: no need to log. */
    private static boolean covered(PagedSequence s, SequenceDefinition d, long value) {
        if (d.increment() > 0) {
            return s.pageCalled ? value <= s.pageValue : value < s.pageValue;
        }
        return s.pageCalled ? value >= s.pageValue : value > s.pageValue;
    }

    void set(long me, PagedSequence s, long value, boolean called) {
        checkVisible(me, s);
        checkNotBusy(me, s);
        synchronized (s) {
            writePage(s, value, called);
            s.last = value;
            s.called = called;
        }
    }

    /** Writes the page, and forces the log so that the values it covers stay handed out after a crash. */
    private void writePage(PagedSequence s, long value, boolean called) {
        PagedStore store = engine.store();
        long lsn;
        Page page = store.pool().pin(new PageId(s.fileId(), 0));
        try (page) {
            page.latchExclusive();
            try {
                PageEdit edit = store.log().begin(0);
                PageWriter pw = edit.write(page);
                pw.putLong(VALUE_OFF, value);
                pw.putByte(CALLED_OFF, (byte) (called ? 1 : 0));
                lsn = edit.commit();
            } finally {
                page.unlatchExclusive();
            }
        }
        store.log().flushTo(lsn);
        s.pageValue = value;
        s.pageCalled = called;
    }

    private void checkVisible(long me, PagedSequence s) {
        engine.checkOpen();
        if (!engine.rows().visible(me, s.createdBy(), s.droppedBy())) {
            throw undefined(s);
        }
    }

    /** PostgreSQL's nextval waits for the lock of a transaction dropping or altering the sequence; this fails fast. */
    private void checkNotBusy(long me, PagedSequence s) {
        if (engine.inProgressOther(s.droppedBy(), me)) {
            throw PagedStorageEngine.tableLocked(s.name());
        }
    }

    static DbException undefined(PagedSequence s) {
        return DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", s.name());
    }
}

package org.rustydb.storage.paged.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.spi.txn.SavepointParticipant;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.storage.paged.internal.ssi.SsiTxn;
import org.rustydb.storage.paged.internal.xact.XactManager;

/**
 * What one transaction did in the paged engine: its storage transaction id (taken on the first
 * change), the tables and indexes it created and dropped, the tables it wrote. Commit makes the status page edit durable;
 * rollback only has to forget, because nothing it wrote is visible to anyone else.
 *
 * <p>While savepoints are set it also keeps the list of its changes since the outermost one,
 * which a rollback to a savepoint takes back ({@link SavepointUndo}); without savepoints nothing
 * is recorded.
 */
final class TxnWork implements SavepointParticipant {
    private final PagedStorageEngine engine;
    private final long txnId;
    /** The transaction this work belongs to: others whose rows it holds wait for its end. */
    final Transaction txn;
    private long xid;
    private volatile boolean ended;
    /** The transaction-wide snapshot of REPEATABLE READ, taken by the first read. */
    private XactManager.Snapshot snapshot;
    /** Whether it changed the catalog: its end moves the engine's catalog version. */
    boolean catalogChanged;
    final List<PagedTable> created = new ArrayList<>();
    final List<PagedTable> dropped = new ArrayList<>();
    /** Tables whose constraints it altered, once each. */
    final Set<PagedTable> altered = new LinkedHashSet<>();
    final Set<PagedTable> written = new LinkedHashSet<>();
    /** The table of the last write, to skip the checks of a table already written. */
    PagedTable lastWritten;
    final List<PagedIndex> createdIndexes = new ArrayList<>();
    final List<PagedIndex> droppedIndexes = new ArrayList<>();
    final List<PagedSequence> createdSequences = new ArrayList<>();
    final List<PagedSequence> droppedSequences = new ArrayList<>();
    /** ALTER SEQUENCE without new generator options: [new version, old version], whose values a rollback carries back. */
    final List<PagedSequence[]> carriedSequences = new ArrayList<>();
    final List<PagedView> createdViews = new ArrayList<>();
    final List<PagedView> droppedViews = new ArrayList<>();
    final List<PagedSchema> createdSchemas = new ArrayList<>();
    final List<PagedSchema> droppedSchemas = new ArrayList<>();
    /** Files of relations created and then rolled back to a savepoint: deleted after the end. */
    final List<Integer> discardedFiles = new ArrayList<>();
    /** The changes since the outermost savepoint, oldest first. */
    private final List<Undo> undo = new ArrayList<>();
    /** Per savepoint level (index + 1): the size of {@link #undo} when it was set. */
    private final List<Integer> savepoints = new ArrayList<>();

    /** Its read/write dependencies, for a SERIALIZABLE transaction; else null. */
    final SsiTxn ssi;
    /** Rows locked by SELECT ... FOR UPDATE/SHARE, released at the end. */
    final List<RowRef> lockedRows = new ArrayList<>();
    /** Rows this transaction updated: their successor links go at the end or later. */
    final List<Succession> updatedRows = new ArrayList<>();

    /** A row of a table. */
    record RowRef(PagedTable table, long rowId) {
    }

    /**
     * A successor link this transaction set: {@code oldId}'s next version is {@code newId}, kept
     * in the table's map as this object. Once rolled back (to a savepoint, or whole), another
     * transaction may update {@code oldId} and set a link of its own, which forgetting this one
     * must leave alone; so must a link between the same two row ids set after their versions were
     * pruned and the slots reused (heap-only slots are free again at once). Links are therefore
     * told apart by identity, not by their row ids, and a follower takes one only from a version
     * its {@code updater} deleted.
     */
    static final class Succession {
        private final PagedTable table;
        private final long oldId;
        private final long newId;
        private final long updater;

        Succession(PagedTable table, long oldId, long newId, long updater) {
            this.table = table;
            this.oldId = oldId;
            this.newId = newId;
            this.updater = updater;
        }

        long newId() {
            return newId;
        }

        long updater() {
            return updater;
        }

        /** Puts the link in the table's map, replacing any other from {@code oldId}. */
        void set() {
            table.successors().put(oldId, this);
        }

        void forget() {
            table.successors().remove(oldId, this);
        }
    }

    private final long enlistedAt;

    TxnWork(PagedStorageEngine engine, Transaction txn, SsiTxn ssi) {
        this.engine = engine;
        this.txn = txn;
        this.txnId = txn.id();
        this.ssi = ssi;
        this.enlistedAt = engine.store().xacts().nextXid();
    }

    /**
     * The next storage id when this transaction enlisted, before any of its reads: every
     * transaction that committed later has a commit marker at least this large.
     */
    long enlistedAt() {
        return enlistedAt;
    }

    long txnId() {
        return txnId;
    }

    /** The storage transaction id, taken now if this is the first change. */
    long xid() {
        if (ended) {
            // ended under a statement still running (e.g. the transaction manager stopped)
            throw DbException.of(SqlState.INVALID_TRANSACTION_STATE, "transaction %d has ended", txnId);
        }
        if (xid == 0) {
            xid = engine.store().xacts().begin();
            engine.xidTaken(xid, this);
            if (ssi != null) {
                ssi.setXid(xid);
            }
        }
        return xid;
    }

    XactManager.Snapshot snapshot(XactManager xacts) {
        if (snapshot == null) {
            snapshot = xacts.snapshot();
        }
        return snapshot;
    }

    /** The transaction-wide snapshot, or null (READ COMMITTED, or nothing read yet). */
    XactManager.Snapshot snapshotIfAny() {
        return snapshot;
    }

    /** The id if one was taken, else 0 (a transaction that has changed nothing). */
    long xidIfAny() {
        return xid;
    }

    /** Records a change for a later rollback to a savepoint; nothing to keep while none is set. */
    void changed(Undo change) {
        if (!savepoints.isEmpty()) {
            undo.add(change);
        }
    }

    void tableCreated(PagedTable table) {
        created.add(table);
        changed(new Undo.TableCreated(table));
    }

    void viewCreated(PagedView view) {
        createdViews.add(view);
        changed(new Undo.ViewCreated(view));
    }

    void viewDropped(PagedView view) {
        droppedViews.add(view);
        changed(new Undo.ViewDropped(view));
    }

    void schemaCreated(PagedSchema schema) {
        createdSchemas.add(schema);
        changed(new Undo.SchemaCreated(schema));
    }

    void schemaDropped(PagedSchema schema) {
        droppedSchemas.add(schema);
        changed(new Undo.SchemaDropped(schema));
    }

    void tableDropped(PagedTable table) {
        dropped.add(table);
        changed(new Undo.TableDropped(table));
    }

    void tableAltered(PagedTable table, Undo.TableAltered change) {
        altered.add(table);
        changed(change);
    }

    void sequenceCreated(PagedSequence sequence) {
        createdSequences.add(sequence);
        changed(new Undo.SequenceCreated(sequence));
    }

    void sequenceDropped(PagedSequence sequence) {
        droppedSequences.add(sequence);
        changed(new Undo.SequenceDropped(sequence));
    }

    /** {@code versions}: the new version of an altered sequence and the old one. */
    void sequenceCarried(PagedSequence[] versions) {
        carriedSequences.add(versions);
        changed(new Undo.SequenceCarried(versions));
    }

    void indexCreated(PagedIndex index) {
        createdIndexes.add(index);
        changed(new Undo.IndexCreated(index));
    }

    void indexDropped(PagedIndex index) {
        droppedIndexes.add(index);
        changed(new Undo.IndexDropped(index));
    }

    @Override
    public void savepoint(Transaction txn, int level) {
        savepoints.subList(Math.min(level - 1, savepoints.size()), savepoints.size()).clear();
        savepoints.add(undo.size());
    }

    @Override
    public void rollbackToSavepoint(Transaction txn, int level) {
        int mark = savepoints.get(level - 1);
        // the first change took the id, so there is nothing to undo without one
        for (int i = undo.size() - 1; i >= mark; i--) {
            engine.savepointUndo().apply(this, xid, undo.get(i));
            undo.remove(i);
        }
        savepoints.subList(level, savepoints.size()).clear();
        lastWritten = null;
        if (catalogChanged) {
            engine.catalogChangeEnded();
        }
    }

    @Override
    public void releaseSavepoint(Transaction txn, int level) {
        savepoints.subList(level - 1, savepoints.size()).clear();
        if (savepoints.isEmpty()) {
            undo.clear();
        }
    }

    @Override
    public void commit(Transaction txn) {
        ended = true;
        releaseSnapshot();
        engine.finish(this, true);
    }

    @Override
    public void rollback(Transaction txn) {
        ended = true;
        releaseSnapshot();
        engine.finish(this, false);
    }

    private void releaseSnapshot() {
        if (snapshot != null) {
            snapshot.close();
        }
    }
}

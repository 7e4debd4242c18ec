package org.rustydb.storage.memory.internal;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.storage.log.internal.rows.RowChecks;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.IndexDefinition;
import org.rustydb.spi.storage.TableDefinition;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.storage.memory.internal.durable.TableName;

/**
 * A table held in memory. Readers iterate a concurrent skip list without locks; writers are
 * serialized per table, so a check and the change it guards happen as one step.
 *
 * <p>Write ownership: a row inserted, updated or deleted by a transaction belongs to it until
 * {@link #release} at its end; so do unique key values its changes gave up (it may take them back
 * on rollback), and the table itself while the transaction that created or dropped it, or created
 * or dropped one of its indexes, is active (PostgreSQL locks the table for these; here others fail
 * fast instead of waiting, and readers are never blocked).
 * Another transaction touching any of these fails at once with 55P03. This keeps changes of
 * concurrent transactions independent, so undo never clashes with another transaction's work and
 * the order of commit records in the log is an order the changes can be replayed in.
 */
final class MemoryTable implements TableHandle {
    /** Replaced only by {@link #alterConstraints} (and its undo): the columns and keys never change. */
    private volatile TableDefinition definition;
    private final TableName name;
    private final ConcurrentSkipListMap<Long, Object[]> rows = new ConcurrentSkipListMap<>();
    private final TableIndexes indexes;
    /** Rows changed by a still-active transaction, mapped to its id. */
    private final Map<Long, Long> rowOwners = new HashMap<>();
    /** Per active transaction: the rows it owns here, for {@link #release}. */
    private final Map<Long, List<Long>> ownedRows = new HashMap<>();
    private long nextRowId = 1;
    /** The active transaction that created the table or created or dropped an index of it, else 0. */
    private long ddlOwner;
    private long dropper;
    private volatile boolean dropped;

    /** A table being created by transaction {@code creator} (0: already committed). */
    MemoryTable(TableDefinition definition, long creator) {
        this.definition = definition;
        this.name = TableName.of(definition);
        this.indexes = new TableIndexes(this);
        this.ddlOwner = creator;
    }

    @Override
    public TableDefinition definition() {
        return definition;
    }

    TableName name() {
        return name;
    }

    boolean isDropped() {
        return dropped;
    }

    ConcurrentSkipListMap<Long, Object[]> rows() {
        return rows;
    }

    TableIndexes indexes() {
        return indexes;
    }

    /** Inserts a row checked by {@link #checkedCopy}, returning its new id. */
    synchronized long insert(long txn, Object[] row) {
        checkWritable(txn);
        long id = nextRowId;
        indexes.check(txn, id, row, this::ownerOf);
        nextRowId++;
        indexes.add(id, row);
        rows.put(id, row);
        own(txn, id);
        return id;
    }

    /**
     * Replaces a row, returning the old values, or null if the row is gone. With a non-null
     * {@code expected}, only if the row still holds those values (else 40001).
     */
    synchronized Object[] update(long txn, long id, Object[] expected, Object[] row) {
        checkWritable(txn);
        checkRowOwner(txn, id);
        Object[] old = rows.get(id);
        checkUnchanged(expected, old);
        if (old == null) {
            return null;
        }
        indexes.check(txn, id, row, this::ownerOf);
        indexes.replace(txn, id, old, row);
        rows.put(id, row);
        own(txn, id);
        return old;
    }

    /**
     * Removes a row, returning its values, or null if it was gone already. With a non-null
     * {@code expected}, only if the row still holds those values (else 40001).
     */
    synchronized Object[] delete(long txn, long id, Object[] expected) {
        checkWritable(txn);
        checkRowOwner(txn, id);
        checkUnchanged(expected, rows.get(id));
        Object[] old = rows.remove(id);
        if (old == null) {
            return null;
        }
        indexes.remove(txn, id, old);
        own(txn, id);
        return old;
    }

    /**
     * Takes ownership of a row without changing it (SELECT ... FOR UPDATE/SHARE): false if the
     * row is gone, or owned by another transaction and {@code skipIfOwned}; 55P03 if owned by
     * another otherwise (this engine does not wait); 40001 as for {@link #update}.
     */
    synchronized boolean lock(long txn, long id, Object[] expected, boolean skipIfOwned) {
        checkWritable(txn);
        Long owner = rowOwners.get(id);
        if (owner != null && owner != txn) {
            if (skipIfOwned) {
                return false;
            }
            throw rowLocked();
        }
        Object[] current = rows.get(id);
        checkUnchanged(expected, current);
        if (current == null) {
            return false;
        }
        own(txn, id);
        return true;
    }

    /** The row's values now, or null if it is gone. */
    synchronized Object[] current(long id) {
        Object[] row = rows.get(id);
        return row == null ? null : row.clone();
    }

    /** Undoes an insert of the owning transaction. */
    synchronized void undoInsert(long id) {
        Object[] row = rows.remove(id);
        if (row != null) {
            indexes.remove(0, id, row);
        }
    }

    /** Puts back the values a row had before an update or delete of the owning transaction. */
    synchronized void undoChange(long id, Object[] old) {
        Object[] current = rows.get(id);
        if (current != null) {
            indexes.replace(0, id, current, old);
        } else {
            indexes.add(id, old);
        }
        rows.put(id, old);
    }

    /**
     * Replaces the CHECK and FOREIGN KEY constraints, returning the definition before; 55P03 while
     * another transaction owns any of the table. Until {@code txn} ends the table is its own.
     */
    synchronized TableDefinition alterConstraints(long txn, TableDefinition altered) {
        checkExclusive(txn);
        TableDefinition before = definition;
        definition = altered;
        ddlOwner = txn;
        return before;
    }

    synchronized void undoAlterConstraints(TableDefinition before) {
        definition = before;
    }

    /** Marks the table dropped by {@code txn}; 55P03 while another transaction owns any of it. */
    synchronized void drop(long txn) {
        checkExclusive(txn);
        dropped = true;
        dropper = txn;
    }

    /**
     * Builds and starts maintaining a new index (CREATE INDEX); 23505 if it is unique and the rows
     * break it. Until {@code txn} ends the table is its own: others' writes fail with 55P03.
     */
    synchronized MemoryIndex createIndex(long txn, IndexDefinition definition) {
        checkExclusive(txn);
        MemoryIndex index = new MemoryIndex(this, definition, false, txn);
        index.build(rows);
        indexes.activate(index);
        ddlOwner = txn;
        return index;
    }

    synchronized void undoCreateIndex(MemoryIndex index) {
        indexes.deactivate(index);
        index.undoCreate();
    }

    /** Stops maintaining a created index (DROP INDEX); 42704 if it is gone, 2BP01 for a unique key's. */
    synchronized void dropIndex(long txn, MemoryIndex index) {
        if (index.isDropped()) {
            throw undefinedIndex(index);
        }
        if (index.isConstraint()) {
            String key = index.definition().name();
            throw DbException.of(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                            "cannot drop index %s because constraint %s on table %s requires it", key, key,
                            definition.name())
                    .withHint("You can drop constraint " + key + " on table " + definition.name() + " instead.");
        }
        checkExclusive(txn);
        indexes.deactivate(index);
        index.drop(txn);
        ddlOwner = txn;
    }

    /** Maintains a dropped index again: the undo of the drop has put back the rows it had. */
    synchronized void undoDropIndex(MemoryIndex index) {
        index.undoDrop();
        indexes.activate(index);
    }

    /** Restores a committed index at recovery; XX001 if the rows break it. */
    synchronized MemoryIndex loadIndex(IndexDefinition definition) {
        MemoryIndex index = new MemoryIndex(this, definition, false, 0);
        try {
            index.build(rows);
        } catch (DbException e) {
            throw DbException.of(SqlState.DATA_CORRUPTED, "recovered index \"%s\" of table \"%s\" is broken: %s",
                    definition.name(), this.definition.name(), e.getMessage());
        }
        indexes.activate(index);
        return index;
    }

    static DbException undefinedIndex(MemoryIndex index) {
        return DbException.of(SqlState.UNDEFINED_OBJECT, "index \"%s\" does not exist", index.definition().name());
    }

    /** DDL takes the table whole: 55P03 while another transaction owns a row, a key or the table. */
    private void checkExclusive(long txn) {
        checkWritable(txn);
        boolean othersOwn = ownedRows.keySet().stream().anyMatch(owner -> owner != txn)
                || indexes.heldByOtherThan(txn);
        if (othersOwn) {
            throw DbException.of(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on relation \"%s\"",
                    definition.name());
        }
    }

    /** True while the drop by {@code txn} is pending: the name is then free for that transaction. */
    synchronized boolean droppedBy(long txn) {
        return dropped && dropper == txn;
    }

    synchronized void undoDrop() {
        dropped = false;
        dropper = 0;
    }

    synchronized void undoCreate() {
        dropped = true;
    }

    /** Gives up everything {@code txn} owns here; called once its commit is durable, or after its undo. */
    synchronized void release(long txn) {
        List<Long> owned = ownedRows.remove(txn);
        if (owned != null) {
            for (long id : owned) {
                rowOwners.remove(id, txn);
            }
        }
        indexes.release(txn);
        if (ddlOwner == txn) {
            ddlOwner = 0;
        }
        if (dropper == txn) {
            dropper = 0;
        }
    }

    /** Restores a committed row at recovery: no ownership; XX001 if its keys clash. */
    synchronized void load(long id, Object[] row) {
        try {
            indexes.check(0, id, row, this::ownerOf);
        } catch (DbException e) {
            throw DbException.of(SqlState.DATA_CORRUPTED, "recovered table \"%s\" breaks its unique key: %s",
                    definition.name(), e.getMessage());
        }
        indexes.add(id, row);
        rows.put(id, row);
        nextRowId = Math.max(nextRowId, id + 1);
    }

    synchronized void setNextRowId(long value) {
        nextRowId = Math.max(nextRowId, value);
    }

    private Long ownerOf(long rowId) {
        return rowOwners.get(rowId);
    }

    private void own(long txn, long id) {
        if (rowOwners.putIfAbsent(id, txn) == null) {
            ownedRows.computeIfAbsent(txn, t -> new ArrayList<>()).add(id);
        }
    }

    private void checkWritable(long txn) {
        if (dropped) {
            throw DbException.of(SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist", definition.name());
        }
        if (ddlOwner != 0 && ddlOwner != txn) {
            throw DbException.of(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on relation \"%s\"",
                    definition.name());
        }
    }

    /** Read-then-write without a lost update: the row must still hold what the writer read. */
    private void checkUnchanged(Object[] expected, Object[] current) {
        if (expected != null && (current == null || !Arrays.equals(expected, current))) {
            throw DbException.of(SqlState.SERIALIZATION_FAILURE, "could not serialize access due to concurrent %s",
                    current == null ? "delete" : "update");
        }
    }

    private void checkRowOwner(long txn, long id) {
        Long owner = rowOwners.get(id);
        if (owner != null && owner != txn) {
            throw rowLocked();
        }
    }

    DbException rowLocked() {
        return DbException.of(SqlState.LOCK_NOT_AVAILABLE, "could not obtain lock on row in relation \"%s\"",
                definition.name());
    }

    /** A copy of the caller's values after the NOT NULL and type checks; the table keeps it as is. */
    Object[] checkedCopy(Object[] values) {
        return RowChecks.checkedCopy(definition, values);
    }

    @Override
    public String toString() {
        return "memory table " + name;
    }
}

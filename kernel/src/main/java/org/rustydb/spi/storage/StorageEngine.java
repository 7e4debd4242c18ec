package org.rustydb.spi.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.osgi.annotation.versioning.ProviderType;
import org.rustydb.spi.txn.Transaction;
import org.rustydb.spi.txn.WaitPolicy;

/**
 * A storage engine keeps tables and their rows. It is a required service of the kernel; the
 * kernel uses the one registered with the highest service ranking.
 *
 * <p>Every operation takes the transaction it belongs to. On its first change in a transaction
 * the engine enlists a {@link org.rustydb.spi.txn.TransactionParticipant} so that a rollback
 * undoes what the transaction did, DDL included.
 *
 * <p>Threading: all methods are safe to call concurrently from many sessions. Failures are
 * {@link org.rustydb.api.DbException}s: 42P01 unknown table, 42P07 duplicate table, 23502 NULL in
 * a NOT NULL column, 23505 unique violation, 40001 a row changed since the caller read it, 57P03
 * once the engine has been shut down, 42704 unknown index.
 *
 * <p>Conflicts: a row another transaction in progress has changed makes a change wait until that
 * transaction ends, through {@link Transaction#awaitEnd} (so the wait is in the deadlock graph
 * and obeys lock_timeout and cancel). An engine that cannot wait fails with 55P03 instead.
 *
 * <p>Maintenance: {@link #vacuum} reclaims the space of dead row versions; it belongs to no
 * transaction.
 */
@ProviderType
public interface StorageEngine {

    /** A short name for status output, e.g. {@code memory}. */
    String name();

    /** Creates a table; 42P07 if one of that name exists in the schema. */
    TableHandle createTable(Transaction txn, TableDefinition definition);

    /** Finds a table by schema and name (both already case-folded). */
    Optional<TableHandle> findTable(Transaction txn, String schema, String name);

    /** All tables visible to the transaction, ordered by schema and name. */
    List<TableHandle> listTables(Transaction txn);

    /** Drops a table and its rows. */
    void dropTable(Transaction txn, TableHandle table);

    /**
     * Replaces the CHECK and FOREIGN KEY constraints of a table, e.g. when DROP TABLE ... CASCADE
     * removes the foreign keys that reference a dropped table. The columns and unique keys stay as
     * they are; the table's handle reports the new definition from then on. Like other DDL it is
     * undone by a rollback, and until the transaction ends other transactions cannot change the
     * table's rows or definition (55P03).
     */
    void alterConstraints(Transaction txn, TableHandle table, List<CheckConstraint> checks,
                          List<ForeignKey> foreignKeys);

    /**
     * ALTER TABLE: gives a table a new definition: another name (42P07 if a relation of the schema
     * has it), columns added at the end, dropped, renamed, with other defaults, identity or NOT NULL
     * flags, other CHECK and FOREIGN KEY constraints. The schema stays. Unique keys are matched by
     * name: one kept keeps its columns (their positions following the columns) and kind; one the
     * new definition adds (in an alteration that adds, drops and moves no column) is built over the
     * rows (23505 {@code could not create unique index} if two share a key); one it leaves out is
     * dropped with its index.
     *
     * <p>{@code columnSources} has one entry per column of the new definition: the 0-based position
     * of the old column it continues, or -1 for a new column, which every existing row has as NULL.
     * Continued columns keep their order and type; an old column no entry names is dropped with its
     * values. Indexes made by {@link #createIndex} follow their columns; a unique key or index over
     * a dropped column makes this fail with 2BP01 (the caller drops them first). A column that
     * becomes NOT NULL while a row holds NULL in it fails with 23502. Like other DDL it is undone by
     * a rollback, and other transactions cannot use the table until it ends (55P03).
     */
    void alterTable(Transaction txn, TableHandle table, TableDefinition definition, List<Integer> columnSources);

    /**
     * ALTER COLUMN TYPE: replaces every row of a table by {@code conversion}'s result and gives the
     * table {@code definition}, whose columns are the old ones in their order. Those at the positions
     * in {@code converted} may change type and type modifier, and lose their statistics; the other
     * columns keep their type. The unique keys stay the same; no unique key or index may cover a
     * converted column (2BP01: the caller drops them before and builds them again after).
     *
     * <p>{@code conversion} gets each row the transaction sees (one value per old column; it must
     * not keep the array) and returns the new row, of the new columns' types. Every row is converted
     * before any is written, so an exception it throws (a DbException for a value that does not
     * convert) fails the call with nothing changed. A NULL in a NOT NULL column fails with 23502.
     * Like other DDL it is undone by a rollback, and other transactions cannot use the table until
     * it ends (55P03); callers find the table again by name afterwards.
     */
    void convertColumns(Transaction txn, TableHandle table, TableDefinition definition, Set<Integer> converted,
                        UnaryOperator<Object[]> conversion);

    /** Creates a sequence (transactionally, as a table); 42P07 if a relation of that name exists in the schema. */
    SequenceHandle createSequence(Transaction txn, SequenceDefinition definition);

    /** Finds a sequence by schema and name (both already case-folded). */
    Optional<SequenceHandle> findSequence(Transaction txn, String schema, String name);

    /** All sequences visible to the transaction, ordered by schema and name. */
    List<SequenceHandle> listSequences(Transaction txn);

    /** Drops a sequence (transactionally). */
    void dropSequence(Transaction txn, SequenceHandle sequence);

    /**
     * ALTER SEQUENCE: gives a sequence a new definition, which may also rename it or move it to
     * another schema (42P07 if a relation there has the name). {@code restart}, when not null, is
     * the value the next {@link #nextValue} returns (RESTART). With {@code newGenerator} (the
     * statement set an option of how values are made, not only the name or owner), a rollback also
     * puts back the value the sequence had when it was altered, dropping what was handed out since,
     * as PostgreSQL's new relfilenode does; otherwise values handed out stay handed out. Undone by a
     * rollback; until the transaction ends other transactions cannot use the sequence (55P03).
     */
    void alterSequence(Transaction txn, SequenceHandle sequence, SequenceDefinition definition, Long restart,
                       boolean newGenerator);

    /** Creates a view (transactionally, as a table); 42P07 if a relation of that name exists in the schema. */
    ViewHandle createView(Transaction txn, ViewDefinition definition);

    /** Finds a view by schema and name (both already case-folded). */
    Optional<ViewHandle> findView(Transaction txn, String schema, String name);

    /** All views visible to the transaction, ordered by schema and name. */
    List<ViewHandle> listViews(Transaction txn);

    /** Drops a view (transactionally). */
    void dropView(Transaction txn, ViewHandle view);

    /**
     * Creates a schema (CREATE SCHEMA), transactionally like a table; 42P06 if one of that name
     * exists. A new database has the schema {@code public}, which can be dropped and created again
     * like any other. The engine keeps only the names: which names are reserved, the built-in
     * {@code pg_catalog} and the sessions' temporary schemas are the query engine's business, and
     * relations may be created in a schema the engine does not list (temporary ones are).
     */
    void createSchema(Transaction txn, String name);

    /**
     * Drops a schema (transactionally); 3F000 if it does not exist, 2BP01 if a table, index,
     * sequence or view of it is still visible (the caller drops them first). While the transaction
     * runs, other transactions cannot create relations in it (55P03).
     */
    void dropSchema(Transaction txn, String name);

    /**
     * Renames a schema (transactionally); 3F000 if {@code from} does not exist, 42P06 if {@code to}
     * does. A schema that still holds relations cannot be renamed yet (0A000).
     */
    void renameSchema(Transaction txn, String from, String to);

    /** True when a schema created with {@link #createSchema} (or {@code public}) is visible to the transaction. */
    boolean schemaExists(Transaction txn, String name);

    /** The schemas visible to the transaction, by name. */
    List<String> listSchemas(Transaction txn);

    /**
     * Advances a sequence and returns its new value (PostgreSQL's nextval). Not undone by a
     * rollback; never returns a value twice (unless the sequence cycles), crashes included once a
     * later commit was acknowledged. 2200H when the sequence reached its end and does not cycle.
     */
    long nextValue(Transaction txn, SequenceHandle sequence);

    /**
     * Sets a sequence's current value (PostgreSQL's setval): the next {@link #nextValue} returns
     * {@code value} advanced by the increment when {@code called}, else {@code value} itself. Not
     * undone by a rollback. The value must be within the sequence's bounds (the caller checks).
     */
    void setValue(Transaction txn, SequenceHandle sequence, long value, boolean called);

    /**
     * Inserts a row. The values must already have the column types; the engine checks NOT NULL
     * and unique keys.
     */
    RowId insert(Transaction txn, TableHandle table, Object[] values);

    /**
     * Inserts rows in order, each as {@link #insert} would: a bulk load (COPY, INSERT ... SELECT),
     * which an engine may store together, e.g. filling a page per log record. When a row fails,
     * {@code failedRow} is told its position, then its error is thrown; the rows before it may be
     * stored, as after that many inserts, and the statement's rollback undoes them. Returns the
     * rows' ids in order.
     */
    List<RowId> insertAll(Transaction txn, TableHandle table, List<Object[]> rows, IntConsumer failedRow);

    /** Replaces the values of a row; the same checks as {@link #insert}. */
    void update(Transaction txn, TableHandle table, RowId row, Object[] values);

    /** Deletes a row; deleting a row that is already gone is a no-op. */
    void delete(Transaction txn, TableHandle table, RowId row);

    /**
     * Replaces the values of a row only if it still holds {@code expected} (compared value by
     * value), the values the caller read before computing the new ones. This is how UPDATE avoids
     * lost updates: if another transaction changed or deleted the row since it was read, the
     * statement fails with 40001 and the client retries.
     */
    void update(Transaction txn, TableHandle table, RowId row, Object[] expected, Object[] values);

    /** Deletes a row only if it still holds {@code expected}; 40001 if it changed or is gone. */
    void delete(Transaction txn, TableHandle table, RowId row, Object[] expected);

    /** Opens a cursor over all rows of a table, in an engine-defined order. */
    RowCursor scan(Transaction txn, TableHandle table);

    /**
     * {@link #scan}, for a reader of only some columns: {@code columns} (ascending column
     * positions; null for all) must hold their values in each row, which still has one slot per
     * column; other slots may be null. An engine that stores encoded rows decodes only those.
     */
    default RowCursor scan(Transaction txn, TableHandle table, int[] columns) {
        return scan(txn, table);
    }

    /**
     * Creates an index over the existing rows and maintains it from then on (CREATE INDEX). 42P07
     * if a relation of that name exists in the table's schema; 23505 if it is unique and two
     * existing rows have the same key.
     */
    IndexHandle createIndex(Transaction txn, TableHandle table, IndexDefinition definition);

    /** Drops an index made by {@link #createIndex}; the index of a unique key cannot be dropped alone (2BP01). */
    void dropIndex(Transaction txn, IndexHandle index);

    /** Finds an index by schema and name (both already case-folded). */
    Optional<IndexHandle> findIndex(Transaction txn, String schema, String name);

    /** The indexes of a table: one per unique key, in key order, then those created, by name. */
    List<IndexHandle> indexes(Transaction txn, TableHandle table);

    /**
     * Opens a cursor over the rows whose key is in {@code range}, in key order (NULLs last), or
     * in reverse key order when {@code descending}. It sees exactly the rows {@link #scan} would.
     */
    RowCursor scanIndex(Transaction txn, IndexHandle index, KeyRange range, boolean descending);

    /** {@link #scanIndex}, delivering at least {@code columns} (null: all) as {@link #scan(Transaction, TableHandle, int[])} does. */
    default RowCursor scanIndex(Transaction txn, IndexHandle index, KeyRange range, boolean descending,
                                int[] columns) {
        return scanIndex(txn, index, range, descending);
    }

    /**
     * An index-only scan: the rows {@link #scanIndex} would return, in the same order, but each
     * holding only the index's key columns (every other slot null), taken from the index entry
     * where the engine knows without reading the row that it is visible to every transaction
     * (PostgreSQL's visibility map), and from the row otherwise. The caller gets the same rows
     * either way; {@link IndexOnlyCursor#heapFetches} tells how many needed the row.
     */
    IndexOnlyCursor scanIndexOnly(Transaction txn, IndexHandle index, KeyRange range, boolean descending);

    /**
     * Locks a row for SELECT ... FOR UPDATE / FOR SHARE until the transaction ends. Like a
     * conditional {@link #update}: with {@code expected}, the row must still hold those values
     * (40001 if a committed transaction changed or deleted it since it was read). A row another
     * transaction in progress changes or locks in a conflicting strength makes this wait for it,
     * fail with 55P03 or return false, as {@code policy} says.
     *
     * @return true when locked; false when skipped (SKIP_LOCKED) or the row is gone and nothing was expected
     */
    boolean lockRow(Transaction txn, TableHandle table, RowId row, Object[] expected, RowLockStrength strength,
                    WaitPolicy policy);

    /**
     * The newest committed version of a row, following the updates made to it since the caller
     * read {@code row}; empty if it was deleted. READ COMMITTED statements use it after a 40001
     * from a conditional change or lock, to re-check their condition on the new version and go
     * on, as PostgreSQL does; a version another transaction is still changing is returned as it
     * is (the next attempt waits for that transaction).
     */
    Optional<RowVersion> latestVersion(Transaction txn, TableHandle table, RowId row);

    /**
     * Stores a table's planner statistics (ANALYZE), replacing those it had. Like other changes it
     * takes effect when the transaction commits and is undone by a rollback; a durable engine keeps
     * what was committed across restarts. The statistics go with the table when it is dropped; after
     * ALTER TABLE the continued columns keep theirs and new columns have none. 55P03 if another
     * transaction in progress is storing statistics of the same table.
     */
    void saveStatistics(Transaction txn, TableHandle table, TableStatistics statistics);

    /**
     * The statistics of a table that were last committed (what the planner uses), with one entry
     * per current column; empty if the table was never analyzed.
     */
    Optional<TableStatistics> statistics(TableHandle table);

    /**
     * Removes the table's dead row versions (those no transaction can see any more: deleted or
     * replaced by committed transactions older than every open snapshot, or written by aborted
     * ones) and their index entries, and makes their space reusable (PostgreSQL's VACUUM). It runs
     * outside any transaction and does not block readers or writers of the table; versions an open
     * snapshot may still see are kept. An engine without dead versions reports what it has.
     * 42P01 if the table has been dropped; 57P03 once the engine has been shut down.
     */
    VacuumResult vacuum(TableHandle table);

    /**
     * Where queries keep their temporary files (sorts and hash tables that outgrow work_mem): a
     * folder of the engine's data directory, which the engine empties when it opens so that files
     * a crash left behind go away. Empty for an engine without a data directory; queries then use
     * {@code java.io.tmpdir}.
     */
    default Optional<Path> temporaryDirectory() {
        return Optional.empty();
    }

    /**
     * A number that changes whenever what a transaction finds in the catalog may have changed:
     * tables, columns and constraints, indexes, views, schemas and sequences, created, altered,
     * renamed or dropped (statistics are not part of it). It moves before such a change is made,
     * again after the change became visible to other transactions (its commit), and after a
     * rollback or a rollback to a savepoint of the transaction that made it. Catalog reads see the
     * latest committed state plus the transaction's own changes, so while it stays the same every
     * name resolves as it did: a caller that checked what names resolve to after reading it may
     * skip checking again. {@link #UNKNOWN_CATALOG_VERSION} for an engine
     * that does not keep it: then callers check every time.
     */
    default long catalogVersion() {
        return UNKNOWN_CATALOG_VERSION;
    }

    /** What {@link #catalogVersion} returns when the engine cannot tell. */
    long UNKNOWN_CATALOG_VERSION = -1;
}

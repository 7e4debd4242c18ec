package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.execution.internal.binder.BoundDml;
import org.rustydb.execution.internal.constraint.StatementConstraints;
import org.rustydb.execution.internal.constraint.TransactionConstraints;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.ParameterSlots;
import org.rustydb.execution.internal.plan.AccessPath;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.RowId;
import org.rustydb.spi.storage.RowVersion;
import org.rustydb.spi.storage.StorageEngine;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;

/**
 * Runs INSERT, UPDATE and DELETE. Rows to change are collected before any change is made, so a
 * statement never sees its own changes (a query inserting into its own table, an update moving
 * a row ahead of the scan). Every row written goes through {@link StatementConstraints}, and so do
 * the child rows that referential actions change.
 */
public final class DmlExecutor implements StatementConstraints.RowWriter {
    private static final Object[] NO_ROW = new Object[0];

    private final SessionContext session;
    private final Transaction txn;
    private final StorageEngine storage;
    private final StatementConstraints constraints;
    private final List<Object[]> returned = new ArrayList<>();
    /** Rows written per table, for automatic analyze. */
    private final java.util.Map<TableHandle, Long> written = new java.util.HashMap<>();

    public DmlExecutor(SessionContext session, Transaction txn, TransactionConstraints.Registry registry) {
        this.session = session;
        this.txn = txn;
        this.storage = session.storage();
        this.constraints = new StatementConstraints(session, txn, registry, this);
    }

    StatementConstraints constraints() {
        return constraints;
    }

    /** Deletes a row read before (following it at READ COMMITTED); the version deleted, or null. */
    Object[] removeRow(TableHandle table, RowId id, Object[] read) {
        for (;;) {
            try {
                storage.delete(txn, table, id, read);
            } catch (DbException e) {
                RowVersion next = RowFollowing.next(storage, txn, e, table, id, row -> true);
                if (next == null) {
                    return null;
                }
                id = next.id();
                read = next.values();
                continue;
            }
            wrote(table);
            constraints.deleted(table, read);
            return read;
        }
    }

    /** The rows the statement inserted, updated or deleted, per table. */
    public java.util.Map<TableHandle, Long> written() {
        return written;
    }

    private void wrote(TableHandle table) {
        written.merge(table, 1L, Long::sum);
    }

    /** The rows RETURNING computed, in the order they were written. */
    public List<Object[]> returned() {
        return returned;
    }

    /** Inserts the rows; returns the command tag. */
    public String insert(BoundDml.Insert insert) {
        int width = insert.table().definition().columns().size();
        if (insert.query() != null && !insert.queryMayReadTarget() && insert.conflict() == null) {
            return insertStreaming(insert, width);
        }
        List<Object[]> rows = new ArrayList<>();
        if (insert.query() == null) {
            for (List<BoundExpr> values : insert.rows()) {
                rows.add(place(width, insert.targets(), values, NO_ROW));
            }
        } else {
            try (RowSource source = PlanExecutor.open(insert.query().plan(), session, txn)) {
                Object[] row;
                while ((row = source.next()) != null) {
                    rows.add(place(width, insert.targets(), insert.conversions(), row));
                }
            }
        }
        int[] written = {0};
        ConflictHandler conflicts = insert.conflict() == null ? null
                : new ConflictHandler(insert.table(), insert.conflict(), session, txn, this);
        constraints.run(() -> {
            for (int i = 0; i < rows.size(); i++) {
                Object[] row = rows.get(i);
                constraints.beforeWrite(insert.table(), row);
                Object[] result = conflicts == null ? insertRow(insert.table(), row) : conflicts.insert(row);
                if (result != null) {
                    written[0]++;
                    addReturned(insert.returning(), result);
                }
                checkCancel(i);
            }
        });
        return "INSERT 0 " + written[0];
    }

    /**
     * Inserts a query's rows as it produces them, for a query that does not read the target table
     * and so cannot see the rows inserted (a bulk load holds no copy of all its rows).
     */
    private String insertStreaming(BoundDml.Insert insert, int width) {
        long[] written = {0};
        constraints.run(() -> {
            TableHandle target = insert.table();
            BulkInsert bulk = new BulkInsert(storage, txn, target, row -> constraints.beforeWrite(target, row), row -> {
                written[0]++;
                constraints.inserted(insert.table(), row);
                addReturned(insert.returning(), row);
            }, null, null);
            try (RowSource source = PlanExecutor.open(insert.query().plan(), session, txn)) {
                Object[] read;
                int i = 0;
                while ((read = source.next()) != null) {
                    bulk.add(place(width, insert.targets(), insert.conversions(), read));
                    checkCancel(i++);
                }
                bulk.flush();
            } finally {
                // counted once for the statement rather than per row
                this.written.merge(insert.table(), written[0], Long::sum);
            }
        });
        return "INSERT 0 " + written[0];
    }

    /**
     * Runs an INSERT of one VALUES row of parameters once for each set of values (a batch),
     * storing its rows together as a multi-row INSERT does: {@code slots} are set to each set in
     * turn and the row evaluated. When a row fails, {@code refused} is told the index of its set
     * before the error goes on (0 when the checks at the statement's end fail). Returns how many rows.
     */
    public long insertEach(BoundDml.Insert insert, ParameterSlots slots, List<Object[]> parameterValues,
                           java.util.function.IntConsumer refused) {
        int width = insert.table().definition().columns().size();
        List<BoundExpr> values = insert.rows().get(0);
        int[] set = {-1}; // the set whose row was asked for last
        long[] refusedByStorage = {-1};
        try {
            return insertAll(insert.table(), () -> {
                if (++set[0] >= parameterValues.size()) {
                    return null;
                }
                slots.set(parameterValues.get(set[0]));
                return place(width, insert.targets(), values, NO_ROW);
            }, () -> set[0], position -> {
                refusedByStorage[0] = position; // noted; the error gets no context line
                return null;
            });
        } catch (RuntimeException e) {
            // past the last set, the statement's closing checks (foreign keys) failed: no one set
            refused.accept(refusedByStorage[0] >= 0 ? (int) refusedByStorage[0]
                    : set[0] < parameterValues.size() ? Math.max(set[0], 0) : 0);
            throw e;
        }
    }

    /**
     * Inserts the rows a source gives as it gives them (COPY FROM): each through the constraints,
     * stored a batch at a time. {@code rows} returns null at the end; {@code position} tells where
     * the row just returned came from and {@code where} makes the error context of a row the
     * storage engine refuses from it. Returns how many.
     */
    public long insertAll(TableHandle table, java.util.function.Supplier<Object[]> rows,
                          java.util.function.LongSupplier position, java.util.function.LongFunction<String> where) {
        long[] count = {0};
        constraints.run(() -> {
            BulkInsert bulk = new BulkInsert(storage, txn, table, row -> constraints.beforeWrite(table, row), row -> {
                count[0]++;
                constraints.inserted(table, row);
            }, position, where);
            try {
                Object[] row;
                int i = 0;
                while ((row = rows.get()) != null) {
                    bulk.add(row);
                    checkCancel(i++);
                }
                bulk.flush();
            } finally {
                written.merge(table, count[0], Long::sum);
            }
        });
        return count[0];
    }

    /** Stores a new row and registers it with the constraints; returns it. */
    Object[] insertRow(TableHandle table, Object[] row) {
        storage.insert(txn, table, row);
        wrote(table);
        constraints.inserted(table, row);
        return row;
    }

    /** Replaces a row found by ON CONFLICT DO UPDATE (or its newest version); null if it no longer exists. */
    Object[] replaceRow(TableHandle table, RowId id, Object[] read, java.util.function.UnaryOperator<Object[]> change,
                        java.util.function.Predicate<Object[]> qualifies) {
        for (;;) {
            Object[] changed = change.apply(read);
            if (changed == null) {
                return null; // ON CONFLICT DO UPDATE's WHERE said no
            }
            constraints.beforeWrite(table, changed);
            try {
                storage.update(txn, table, id, read, changed);
            } catch (DbException e) {
                RowVersion next = RowFollowing.next(storage, txn, e, table, id, qualifies);
                if (next == null) {
                    return null;
                }
                id = next.id();
                read = next.values();
                continue;
            }
            wrote(table);
            constraints.updated(table, read, changed);
            return changed;
        }
    }

    private void addReturned(BoundDml.Returning returning, Object[] row) {
        if (returning == null) {
            return;
        }
        Object[] out = new Object[returning.exprs().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = returning.exprs().get(i).eval(row);
        }
        returned.add(out);
    }

    private static Object[] place(int width, int[] targets, List<BoundExpr> values, Object[] input) {
        Object[] row = new Object[width];
        for (int i = 0; i < targets.length; i++) {
            row[targets[i]] = values.get(i).eval(input);
        }
        return row;
    }

    /** The rows of UPDATE ... FROM's or DELETE ... USING's items, read once. */
    private List<Object[]> extraRows(PlanNode plan) {
        if (plan == null) {
            return null;
        }
        List<Object[]> rows = new ArrayList<>();
        try (RowSource source = PlanExecutor.open(plan, session, txn)) {
            Object[] row;
            while ((row = source.next()) != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * The row the statement's condition reads: the table row, or with FROM/USING the table row
     * followed by the first extra row that passes; null if none passes.
     */
    private static Object[] qualifying(BoundExpr filter, Object[] row, List<Object[]> extra) {
        if (extra == null) {
            return matches(filter, row) ? row : null;
        }
        for (Object[] e : extra) {
            Object[] combined = java.util.Arrays.copyOf(row, row.length + e.length);
            System.arraycopy(e, 0, combined, row.length, e.length);
            if (matches(filter, combined)) {
                return combined;
            }
        }
        return null;
    }

    public String update(BoundDml.Update update) {
        List<RowId> ids = new ArrayList<>();
        List<Object[]> readRows = new ArrayList<>();
        List<Object[]> extra = extraRows(update.from());
        int width = update.table().definition().columns().size();
        AccessPath path = QueryPlanner.accessPath(session, txn, update.table(), extra == null ? update.filter() : null,
                List.of());
        // the scan stays open while the rows change: its snapshot keeps what READ COMMITTED
        // needs to follow rows that others update meanwhile
        try (TableScan scan = new TableScan(session, txn, path)) {
            Object[] row;
            while ((row = scan.next()) != null) {
                Object[] input = qualifying(update.filter(), row, extra);
                if (input != null) {
                    ids.add(scan.rowId());
                    readRows.add(input == row ? row.clone() : input);
                }
            }
            int[] updated = {0};
            constraints.run(() -> {
                for (int i = 0; i < ids.size(); i++) {
                    Object[] input = readRows.get(i);
                    Object[] tail = input.length > width ? java.util.Arrays.copyOfRange(input, width, input.length)
                            : null;
                    Object[] result = replaceRow(update.table(), ids.get(i), java.util.Arrays.copyOf(input, width),
                            read -> newValues(update, withTail(read, tail)),
                            read -> matches(update.filter(), withTail(read, tail)));
                    if (result != null) {
                        updated[0]++;
                        addReturned(update.returning(), withTail(result, tail));
                    }
                    checkCancel(i);
                }
            });
            return "UPDATE " + updated[0];
        }
    }

    private static Object[] withTail(Object[] row, Object[] tail) {
        if (tail == null) {
            return row;
        }
        Object[] out = java.util.Arrays.copyOf(row, row.length + tail.length);
        System.arraycopy(tail, 0, out, row.length, tail.length);
        return out;
    }

    /** The row with UPDATE's assignments applied, computed from {@code input} (the row, maybe with FROM's). */
    private static Object[] newValues(BoundDml.Update update, Object[] input) {
        int width = update.table().definition().columns().size();
        Object[] changed = java.util.Arrays.copyOf(input, width);
        for (int i = 0; i < update.targets().length; i++) {
            changed[update.targets()[i]] = update.values().get(i).eval(input);
        }
        return changed;
    }

    public String delete(BoundDml.Delete delete) {
        List<RowId> ids = new ArrayList<>();
        List<Object[]> readRows = new ArrayList<>();
        List<Object[]> extra = extraRows(delete.using());
        int width = delete.table().definition().columns().size();
        AccessPath path = QueryPlanner.accessPath(session, txn, delete.table(), extra == null ? delete.filter() : null,
                List.of());
        try (TableScan scan = new TableScan(session, txn, path)) {
            Object[] row;
            while ((row = scan.next()) != null) {
                Object[] input = qualifying(delete.filter(), row, extra);
                if (input != null) {
                    ids.add(scan.rowId());
                    readRows.add(input == row ? row.clone() : input);
                }
            }
            int[] deleted = {0};
            constraints.run(() -> {
                for (int i = 0; i < ids.size(); i++) {
                    Object[] input = readRows.get(i);
                    Object[] tail = input.length > width ? java.util.Arrays.copyOfRange(input, width, input.length)
                            : null;
                    Object[] gone = deleteRow(delete, ids.get(i), java.util.Arrays.copyOf(input, width), tail);
                    if (gone != null) {
                        deleted[0]++;
                        addReturned(delete.returning(), withTail(gone, tail));
                    }
                    checkCancel(i);
                }
            });
            return "DELETE " + deleted[0];
        }
    }

    /** Deletes a row (following it at READ COMMITTED); returns the version deleted, or null. */
    private Object[] deleteRow(BoundDml.Delete delete, RowId id, Object[] read, Object[] tail) {
        for (;;) {
            try {
                storage.delete(txn, delete.table(), id, read);
            } catch (DbException e) {
                RowVersion next = RowFollowing.next(storage, txn, e, delete.table(), id,
                        row -> matches(delete.filter(), withTail(row, tail)));
                if (next == null) {
                    return null;
                }
                id = next.id();
                read = next.values();
                continue;
            }
            wrote(delete.table());
            constraints.deleted(delete.table(), read);
            return read;
        }
    }

    /** Referential actions' updates of child rows (ON UPDATE/DELETE CASCADE, SET NULL, SET DEFAULT). */
    @Override
    public void update(TableHandle table, List<RowId> ids, List<Object[]> before, List<Object[]> after) {
        for (int i = 0; i < ids.size(); i++) {
            constraints.beforeWrite(table, after.get(i));
            // only if the row still holds what the new values were computed from: no lost updates
            storage.update(txn, table, ids.get(i), before.get(i), after.get(i));
            wrote(table);
            constraints.updated(table, before.get(i), after.get(i));
            checkCancel(i);
        }
    }

    /** Referential actions' deletes of child rows (ON DELETE CASCADE). */
    @Override
    public void delete(TableHandle table, List<RowId> ids, List<Object[]> before) {
        for (int i = 0; i < ids.size(); i++) {
            storage.delete(txn, table, ids.get(i), before.get(i));
            wrote(table);
            constraints.deleted(table, before.get(i));
            checkCancel(i);
        }
    }

    static boolean matches(BoundExpr filter, Object[] row) {
        return filter == null || Boolean.TRUE.equals(filter.eval(row));
    }

    private void checkCancel(int i) {
        if (i % TableScan.CANCEL_CHECK_INTERVAL == TableScan.CANCEL_CHECK_INTERVAL - 1) {
            session.checkCancelled();
        }
    }
}

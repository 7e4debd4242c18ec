package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.execution.internal.binder.BoundDml;
import org.rustydb.execution.internal.constraint.StatementConstraints;
import org.rustydb.execution.internal.constraint.TransactionConstraints;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.plan.AccessPath;
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

    public DmlExecutor(SessionContext session, Transaction txn, TransactionConstraints.Registry registry) {
        this.session = session;
        this.txn = txn;
        this.storage = session.storage();
        this.constraints = new StatementConstraints(session, txn, registry, this);
    }

    /** Inserts the rows; returns the command tag. */
    public String insert(BoundDml.Insert insert) {
        int width = insert.table().definition().columns().size();
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
        constraints.run(() -> {
            for (int i = 0; i < rows.size(); i++) {
                constraints.beforeWrite(insert.table(), rows.get(i));
                storage.insert(txn, insert.table(), rows.get(i));
                constraints.inserted(insert.table(), rows.get(i));
                checkCancel(i);
            }
        });
        return "INSERT 0 " + rows.size();
    }

    private static Object[] place(int width, int[] targets, List<BoundExpr> values, Object[] input) {
        Object[] row = new Object[width];
        for (int i = 0; i < targets.length; i++) {
            row[targets[i]] = values.get(i).eval(input);
        }
        return row;
    }

    public String update(BoundDml.Update update) {
        List<RowId> ids = new ArrayList<>();
        List<Object[]> readRows = new ArrayList<>();
        AccessPath path = QueryPlanner.accessPath(session, txn, update.table(), update.filter(), List.of());
        // the scan stays open while the rows change: its snapshot keeps what READ COMMITTED
        // needs to follow rows that others update meanwhile
        try (TableScan scan = new TableScan(session, txn, path)) {
            Object[] row;
            while ((row = scan.next()) != null) {
                if (matches(update.filter(), row)) {
                    ids.add(scan.rowId());
                    readRows.add(row.clone());
                }
            }
            int[] updated = {0};
            constraints.run(() -> {
                for (int i = 0; i < ids.size(); i++) {
                    if (updateRow(update, ids.get(i), readRows.get(i))) {
                        updated[0]++;
                    }
                    checkCancel(i);
                }
            });
            return "UPDATE " + updated[0];
        }
    }

    /**
     * Updates a row only if it still holds what the new values are computed from: no lost
     * updates. If another transaction changed it meanwhile, REPEATABLE READ and SERIALIZABLE fail
     * with 40001; READ COMMITTED takes the newest version, checks the WHERE again and computes the
     * new values from it, as PostgreSQL does. False if the row no longer qualifies.
     */
    private boolean updateRow(BoundDml.Update update, RowId id, Object[] read) {
        for (;;) {
            Object[] changed = read.clone();
            for (int i = 0; i < update.targets().length; i++) {
                changed[update.targets()[i]] = update.values().get(i).eval(read);
            }
            constraints.beforeWrite(update.table(), changed);
            try {
                storage.update(txn, update.table(), id, read, changed);
            } catch (DbException e) {
                RowVersion next = RowFollowing.next(storage, txn, e, update.table(), id,
                        row -> matches(update.filter(), row));
                if (next == null) {
                    return false;
                }
                id = next.id();
                read = next.values();
                continue;
            }
            constraints.updated(update.table(), read, changed);
            return true;
        }
    }

    public String delete(BoundDml.Delete delete) {
        List<RowId> ids = new ArrayList<>();
        List<Object[]> readRows = new ArrayList<>();
        AccessPath path = QueryPlanner.accessPath(session, txn, delete.table(), delete.filter(), List.of());
        try (TableScan scan = new TableScan(session, txn, path)) {
            Object[] row;
            while ((row = scan.next()) != null) {
                if (matches(delete.filter(), row)) {
                    ids.add(scan.rowId());
                    readRows.add(row.clone());
                }
            }
            int[] deleted = {0};
            constraints.run(() -> {
                for (int i = 0; i < ids.size(); i++) {
                    if (deleteRow(delete, ids.get(i), readRows.get(i))) {
                        deleted[0]++;
                    }
                    checkCancel(i);
                }
            });
            return "DELETE " + deleted[0];
        }
    }

    private boolean deleteRow(BoundDml.Delete delete, RowId id, Object[] read) {
        for (;;) {
            try {
                storage.delete(txn, delete.table(), id, read);
            } catch (DbException e) {
                RowVersion next = RowFollowing.next(storage, txn, e, delete.table(), id,
                        row -> matches(delete.filter(), row));
                if (next == null) {
                    return false;
                }
                id = next.id();
                read = next.values();
                continue;
            }
            constraints.deleted(delete.table(), read);
            return true;
        }
    }

    /** Referential actions' updates of child rows (ON UPDATE/DELETE CASCADE, SET NULL, SET DEFAULT). */
    @Override
    public void update(TableHandle table, List<RowId> ids, List<Object[]> before, List<Object[]> after) {
        for (int i = 0; i < ids.size(); i++) {
            constraints.beforeWrite(table, after.get(i));
            // only if the row still holds what the new values were computed from: no lost updates
            storage.update(txn, table, ids.get(i), before.get(i), after.get(i));
            constraints.updated(table, before.get(i), after.get(i));
            checkCancel(i);
        }
    }

    /** Referential actions' deletes of child rows (ON DELETE CASCADE). */
    @Override
    public void delete(TableHandle table, List<RowId> ids, List<Object[]> before) {
        for (int i = 0; i < ids.size(); i++) {
            storage.delete(txn, table, ids.get(i), before.get(i));
            constraints.deleted(table, before.get(i));
            checkCancel(i);
        }
    }

    private static boolean matches(BoundExpr filter, Object[] row) {
        return filter == null || Boolean.TRUE.equals(filter.eval(row));
    }

    private void checkCancel(int i) {
        if (i % TableScan.CANCEL_CHECK_INTERVAL == TableScan.CANCEL_CHECK_INTERVAL - 1) {
            session.checkCancelled();
        }
    }
}

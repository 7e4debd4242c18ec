package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.execution.internal.binder.BoundDml;
import org.rustydb.execution.internal.constraint.StatementConstraints;
import org.rustydb.execution.internal.constraint.TransactionConstraints;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.plan.AccessPath;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.RowId;
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
            try (RowSource source = QueryPlanner.open(insert.query(), session, txn)) {
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
        List<Object[]> newRows = new ArrayList<>();
        AccessPath path = QueryPlanner.accessPath(session, txn, update.table(), update.filter(), List.of());
        try (TableScan scan = new TableScan(session, txn, path)) {
            Object[] row;
            while ((row = scan.next()) != null) {
                if (update.filter() == null || Boolean.TRUE.equals(update.filter().eval(row))) {
                    Object[] changed = row.clone();
                    for (int i = 0; i < update.targets().length; i++) {
                        changed[update.targets()[i]] = update.values().get(i).eval(row);
                    }
                    ids.add(scan.rowId());
                    readRows.add(row.clone());
                    newRows.add(changed);
                }
            }
        }
        constraints.run(() -> update(update.table(), ids, readRows, newRows));
        return "UPDATE " + ids.size();
    }

    public String delete(BoundDml.Delete delete) {
        List<RowId> ids = new ArrayList<>();
        List<Object[]> readRows = new ArrayList<>();
        AccessPath path = QueryPlanner.accessPath(session, txn, delete.table(), delete.filter(), List.of());
        try (TableScan scan = new TableScan(session, txn, path)) {
            Object[] row;
            while ((row = scan.next()) != null) {
                if (delete.filter() == null || Boolean.TRUE.equals(delete.filter().eval(row))) {
                    ids.add(scan.rowId());
                    readRows.add(row.clone());
                }
            }
        }
        constraints.run(() -> delete(delete.table(), ids, readRows));
        return "DELETE " + ids.size();
    }

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

    @Override
    public void delete(TableHandle table, List<RowId> ids, List<Object[]> before) {
        for (int i = 0; i < ids.size(); i++) {
            storage.delete(txn, table, ids.get(i), before.get(i));
            constraints.deleted(table, before.get(i));
            checkCancel(i);
        }
    }

    private void checkCancel(int i) {
        if (i % TableScan.CANCEL_CHECK_INTERVAL == TableScan.CANCEL_CHECK_INTERVAL - 1) {
            session.checkCancelled();
        }
    }
}

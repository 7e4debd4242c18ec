package org.rustydb.execution.internal.exec;

import java.util.List;

import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.plan.AccessPath;
import org.rustydb.execution.internal.plan.IndexSelection;
import org.rustydb.spi.exec.SessionContext;
import org.rustydb.spi.storage.IndexHandle;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.Transaction;

/** How UPDATE and DELETE read their table: an index range for their WHERE when one fits. */
public final class QueryPlanner {
    private QueryPlanner() {
    }

    /** How a statement reads a table for a WHERE condition (or null) and an order (or none). */
    public static AccessPath accessPath(SessionContext session, Transaction txn, TableHandle table, BoundExpr filter,
                                        List<IndexSelection.OrderColumn> order) {
        List<IndexHandle> indexes = session.storage().indexes(txn, table);
        return IndexSelection.choose(table, indexes, filter, order);
    }
}

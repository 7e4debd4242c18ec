package org.rustydb.execution.internal.binder;

import java.util.List;

import org.rustydb.api.Column;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.spi.storage.RowLockStrength;
import org.rustydb.spi.storage.TableHandle;
import org.rustydb.spi.txn.WaitPolicy;

/**
 * A bound SELECT over at most one table.
 *
 * @param table       the FROM table, or null for a SELECT without FROM (one empty input row)
 * @param filter      the WHERE condition, or null
 * @param projections the output expressions, then the ORDER BY expressions that are not outputs
 * @param columns     the visible output columns (the first {@code columns.size()} projections)
 * @param sortKeys    the ORDER BY keys, as indexes into the projections
 * @param limit       the LIMIT expression (bigint), or null
 * @param offset      the OFFSET expression (bigint), or null
 * @param locking     the FOR UPDATE/SHARE clause, or null
 */
public record BoundSelect(TableHandle table, BoundExpr filter, List<BoundExpr> projections, List<Column> columns,
                          List<SortKey> sortKeys, BoundExpr limit, BoundExpr offset, Locking locking) {
    public BoundSelect {
        projections = List.copyOf(projections);
        columns = List.copyOf(columns);
        sortKeys = List.copyOf(sortKeys);
    }

    /** SELECT ... FOR UPDATE/SHARE: the rows returned are locked until the transaction ends. */
    public record Locking(RowLockStrength strength, WaitPolicy policy) {
    }

    /** One ORDER BY key; NULLs sort as larger than any value unless {@code nullsFirst} says otherwise. */
    public record SortKey(int projection, boolean descending, boolean nullsFirst) {
    }
}

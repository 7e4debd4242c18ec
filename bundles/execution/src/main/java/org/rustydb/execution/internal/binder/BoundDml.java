package org.rustydb.execution.internal.binder;

import java.util.List;

import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.spi.storage.TableHandle;

/** Bound INSERT, UPDATE and DELETE statements. */
public final class BoundDml {
    private BoundDml() {
    }

    /**
     * INSERT: either constant rows or a query. Each value expression gives the value of one target
     * column, already converted to the column type; other columns get NULL.
     *
     * @param targets     the table column index of each value
     * @param rows        the VALUES rows (expressions over an empty row), or empty for a query
     * @param query       the SELECT whose rows are inserted, or null
     * @param conversions for a query, one expression per target over the query's output row
     */
    public record Insert(TableHandle table, int[] targets, List<List<BoundExpr>> rows, BoundQuery query,
                         List<BoundExpr> conversions) {
        public Insert {
            rows = List.copyOf(rows);
            conversions = List.copyOf(conversions);
        }
    }

    /**
     * UPDATE: for each row the filter accepts, the target columns get the values computed from the
     * old row.
     */
    public record Update(TableHandle table, BoundExpr filter, int[] targets, List<BoundExpr> values) {
        public Update {
            values = List.copyOf(values);
        }
    }

    /** DELETE of the rows the filter accepts (all when it is null). */
    public record Delete(TableHandle table, BoundExpr filter) {
    }
}

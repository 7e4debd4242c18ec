package org.rustydb.execution.internal.binder;

import java.util.List;

import org.rustydb.api.Column;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.spi.storage.IndexHandle;
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
     * @param conflict    ON CONFLICT, or null
     * @param returning   RETURNING over the inserted row, or null
     * @param queryMayReadTarget false only when the query is known not to read the target table
     *                    (directly or through a view), so that its rows can be inserted as they come
     */
    public record Insert(TableHandle table, int[] targets, List<List<BoundExpr>> rows, BoundQuery query,
                         List<BoundExpr> conversions, Conflict conflict, Returning returning,
                         boolean queryMayReadTarget) {
        public Insert {
            rows = List.copyOf(rows);
            conversions = List.copyOf(conversions);
        }

        public Insert(TableHandle table, int[] targets, List<List<BoundExpr>> rows, BoundQuery query,
                      List<BoundExpr> conversions, Conflict conflict, Returning returning) {
            this(table, targets, rows, query, conversions, conflict, returning, true);
        }
    }

    /**
     * UPDATE: for each row the filter accepts, the target columns get the values computed from the
     * old row. With FROM, the filter and values read the old row followed by a row of the FROM
     * items ({@code from}), the first that the filter accepts; RETURNING reads the new row so.
     */
    public record Update(TableHandle table, BoundExpr filter, int[] targets, List<BoundExpr> values, PlanNode from,
                         Returning returning) {
        public Update {
            values = List.copyOf(values);
        }
    }

    /** DELETE of the rows the filter accepts (all when null); with USING, as UPDATE's FROM. */
    public record Delete(TableHandle table, BoundExpr filter, PlanNode using, Returning returning) {
    }

    /** RETURNING: expressions over the written row and the columns they return. */
    public record Returning(List<BoundExpr> exprs, List<Column> columns) {
        public Returning {
            exprs = List.copyOf(exprs);
            columns = List.copyOf(columns);
        }
    }

    /**
     * ON CONFLICT: the unique index whose key decides (null: any, for DO NOTHING without a
     * target), and for DO UPDATE the assignments and condition over the existing row followed by
     * the proposed one (EXCLUDED).
     */
    public record Conflict(IndexHandle index, boolean update, int[] targets, List<BoundExpr> values,
                           BoundExpr where) {
        public Conflict {
            values = List.copyOf(values);
        }
    }
}

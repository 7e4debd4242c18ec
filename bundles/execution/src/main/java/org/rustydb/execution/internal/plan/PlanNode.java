package org.rustydb.execution.internal.plan;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.storage.ColumnDefinition;
import org.rustydb.spi.storage.TableHandle;

/**
 * A query plan: a tree of operators, each producing rows of {@link #types()} from its inputs.
 * The binder builds it with its decisions made (which conditions go to which scan, which join
 * keys hash); {@code exec.PlanExecutor} opens it as pull-based operators and {@code exec.Explain}
 * prints it.
 */
public sealed interface PlanNode {

    /** The types of the columns of the rows this node produces. */
    List<DataType> types();

    default int width() {
        return types().size();
    }

    /** One row with no columns: the input of a SELECT without FROM. */
    record Result() implements PlanNode {
        @Override
        public List<DataType> types() {
            return List.of();
        }
    }

    /**
     * The rows of a table that pass {@code filter} (null: all), through an index when one fits
     * the filter or {@code order}, locked as {@code locking} says (null: not locked).
     */
    record Scan(TableHandle table, String alias, BoundExpr filter, List<IndexSelection.OrderColumn> order,
                RowLocking locking) implements PlanNode {
        public Scan {
            order = List.copyOf(order);
        }

        @Override
        public List<DataType> types() {
            List<DataType> types = new ArrayList<>();
            for (ColumnDefinition c : table.definition().columns()) {
                types.add(new DataType(c.type(), c.typeModifier()));
            }
            return types;
        }
    }

    /**
     * generate_series(start, stop [, step]) over integers: one column, a row per value; the alias
     * and column name are the FROM item's, for EXPLAIN.
     */
    record Series(BoundExpr start, BoundExpr stop, BoundExpr step, DataType type, String alias, String column)
            implements PlanNode {
        @Override
        public List<DataType> types() {
            return List.of(type);
        }
    }

    /**
     * The rows of a system catalog relation (pg_catalog, information_schema), computed from the
     * storage catalog when the scan opens; {@code alias} is the FROM item's alias or null.
     */
    record CatalogScan(org.rustydb.execution.internal.catalog.SystemTable table, String alias) implements PlanNode {
        @Override
        public List<DataType> types() {
            return table.types();
        }
    }

    /** Constant rows: VALUES lists and INSERT ... VALUES. */
    record Values(List<List<BoundExpr>> rows, List<DataType> types) implements PlanNode {
        public Values {
            rows = rows.stream().map(List::copyOf).toList();
            types = List.copyOf(types);
        }
    }

    /** The input rows for which the condition is true. */
    record Filter(PlanNode input, BoundExpr condition) implements PlanNode {
        @Override
        public List<DataType> types() {
            return input.types();
        }
    }

    /** A row of {@code exprs} per input row. */
    record Project(PlanNode input, List<BoundExpr> exprs) implements PlanNode {
        public Project {
            exprs = List.copyOf(exprs);
        }

        @Override
        public List<DataType> types() {
            return exprs.stream().map(BoundExpr::dataType).toList();
        }
    }

    /**
     * A join: rows of left ++ right (only left for SEMI and ANTI). With keys, pairs whose keys are
     * equal and not NULL (a hash join, built on the right, or with {@code merge} a merge join of
     * inputs sorted on the keys: each a {@link Sort} on them, or a scan delivering their order);
     * without, every pair (nested loop). {@code residual} (null: none) must also hold, evaluated on
     * the joined row.
     */
    record Join(JoinKind kind, PlanNode left, PlanNode right, List<BoundExpr> leftKeys, List<BoundExpr> rightKeys,
                BoundExpr residual, boolean merge) implements PlanNode {
        public Join {
            leftKeys = List.copyOf(leftKeys);
            rightKeys = List.copyOf(rightKeys);
            if (leftKeys.size() != rightKeys.size()) {
                throw new IllegalArgumentException("join keys differ in number");
            }
            if (merge && leftKeys.isEmpty()) {
                throw new IllegalArgumentException("a merge join needs keys");
            }
        }

        /** A hash join (with keys) or nested loop (without). */
        public Join(JoinKind kind, PlanNode left, PlanNode right, List<BoundExpr> leftKeys, List<BoundExpr> rightKeys,
                    BoundExpr residual) {
            this(kind, left, right, leftKeys, rightKeys, residual, false);
        }

        @Override
        public List<DataType> types() {
            if (kind == JoinKind.SEMI || kind == JoinKind.ANTI) {
                return left.types();
            }
            List<DataType> types = new ArrayList<>(left.types());
            types.addAll(right.types());
            return types;
        }
    }

    /**
     * A join whose right side reads the left row (LATERAL): for each left row, {@code cell}
     * gets the row and the right plan runs; rows are left ++ right, with NULLs for a LEFT join's
     * left row that no right row passed {@code condition} (null: none) for.
     */
    record LateralJoin(JoinKind kind, PlanNode left, PlanNode right, org.rustydb.execution.internal.expr.RowCell cell,
                       BoundExpr condition) implements PlanNode {
        @Override
        public List<DataType> types() {
            List<DataType> types = new ArrayList<>(left.types());
            types.addAll(right.types());
            return types;
        }
    }

    /**
     * An index nested loop: for each left row, {@code cell} gets the values of {@code outerKeys}
     * (over the left row; a NULL among them matches nothing) and the right scan runs. Its filter
     * includes {@code lookup}, equalities between its columns and those values ({@code OuterRef}s
     * of the cell), so that it reads the matching entries of {@code index} only. Rows are left ++
     * right that pass {@code residual} (null: none).
     */
    record IndexJoin(PlanNode left, Scan right, org.rustydb.execution.internal.expr.RowCell cell,
                     List<BoundExpr> outerKeys, BoundExpr lookup, org.rustydb.spi.storage.IndexHandle index,
                     BoundExpr residual) implements PlanNode {
        public IndexJoin {
            outerKeys = List.copyOf(outerKeys);
        }

        @Override
        public List<DataType> types() {
            List<DataType> types = new ArrayList<>(left.types());
            types.addAll(right.types());
            return types;
        }
    }

    /** Groups by {@code keys}; each output row is the keys then the aggregates' results. */
    record Aggregate(PlanNode input, List<BoundExpr> keys, List<AggregateCall> calls, List<List<Integer>> groupingSets)
            implements PlanNode {
        public Aggregate {
            keys = List.copyOf(keys);
            calls = List.copyOf(calls);
            groupingSets = groupingSets == null ? null : groupingSets.stream().map(List::copyOf).toList();
        }

        @Override
        public List<DataType> types() {
            List<DataType> types = new ArrayList<>();
            keys.forEach(k -> types.add(k.dataType()));
            calls.forEach(c -> types.add(c.type()));
            if (groupingSets != null) {
                types.add(DataType.INTEGER); // the GROUPING() bitmask of the set a row belongs to
            }
            return types;
        }
    }

    /** The input rows, each followed by the values of the window function calls for it. */
    record Window(PlanNode input, List<WindowCall> calls) implements PlanNode {
        public Window {
            calls = List.copyOf(calls);
        }

        @Override
        public List<DataType> types() {
            List<DataType> types = new ArrayList<>(input.types());
            calls.forEach(c -> types.add(c.type()));
            return types;
        }
    }

    /**
     * Set-returning functions of a select list (PostgreSQL's ProjectSet): per input row, as many
     * rows as the longest of the calls yields, each the input row followed by the calls' values
     * (NULL for a call already done); none when every call yields nothing.
     */
    record ProjectSet(PlanNode input, List<SetFunctionCall> calls) implements PlanNode {
        public ProjectSet {
            calls = List.copyOf(calls);
        }

        @Override
        public List<DataType> types() {
            List<DataType> types = new ArrayList<>(input.types());
            calls.forEach(c -> types.add(c.type()));
            return types;
        }
    }

    /** The input in order. */
    record Sort(PlanNode input, List<SortKey> keys) implements PlanNode {
        public Sort {
            keys = List.copyOf(keys);
        }

        @Override
        public List<DataType> types() {
            return input.types();
        }
    }

    /** Skips {@code offset} rows, then passes at most {@code limit} (null: all). */
    record Limit(PlanNode input, BoundExpr limit, BoundExpr offset) implements PlanNode {
        @Override
        public List<DataType> types() {
            return input.types();
        }
    }

    /**
     * The first row of each distinct value of the key columns: SELECT DISTINCT (the visible
     * columns) and DISTINCT ON (the input is sorted so that the wanted row comes first).
     */
    record Distinct(PlanNode input, List<Integer> keyColumns) implements PlanNode {
        public Distinct {
            keyColumns = List.copyOf(keyColumns);
        }

        @Override
        public List<DataType> types() {
            return input.types();
        }
    }

    /** UNION, INTERSECT or EXCEPT, with ALL or without (then duplicates go). */
    record SetOp(SetOpKind kind, boolean all, PlanNode left, PlanNode right) implements PlanNode {
        @Override
        public List<DataType> types() {
            return left.types();
        }
    }

    /** WITH RECURSIVE: the anchor's rows, then the recursive part's over the rows found last. */
    record RecursiveUnion(PlanNode anchor, PlanNode recursive, WorkTable workTable, boolean all)
            implements PlanNode {
        @Override
        public List<DataType> types() {
            return anchor.types();
        }
    }

    /** The rows the enclosing recursive union found in its previous step. */
    record WorkTableScan(WorkTable workTable, List<DataType> types) implements PlanNode {
    }

    /** The set operations. */
    enum SetOpKind { UNION, INTERSECT, EXCEPT }
}

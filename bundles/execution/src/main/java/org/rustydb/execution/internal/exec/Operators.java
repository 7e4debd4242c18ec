package org.rustydb.execution.internal.exec;

import java.util.List;

import org.rustydb.execution.internal.expr.BoundExpr;

/** The simple streaming operators: a single empty row, filter, project, limit/offset and trim. */
public final class Operators {
    private Operators() {
    }

    /** One row with no columns: the input of a SELECT without FROM. */
    public static RowSource singleRow() {
        return new RowSource() {
            private boolean done;

            @Override
            public Object[] next() {
                if (done) {
                    return null;
                }
                done = true;
                return new Object[0];
            }

            @Override
            public void close() {
                done = true;
            }
        };
    }

    /** Passes the rows for which the condition is true (not false, not NULL). */
    public static RowSource filter(RowSource input, BoundExpr condition) {
        return new RowSource() {
            @Override
            public Object[] next() {
                Object[] row;
                while ((row = input.next()) != null) {
                    if (Boolean.TRUE.equals(condition.eval(row))) {
                        return row;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                input.close();
            }
        };
    }

    /** Computes a new row of the given expressions for each input row. */
    public static RowSource project(RowSource input, List<BoundExpr> expressions) {
        BoundExpr[] exprs = expressions.toArray(new BoundExpr[0]);
        return new RowSource() {
            @Override
            public Object[] next() {
                Object[] row = input.next();
                if (row == null) {
                    return null;
                }
                Object[] out = new Object[exprs.length];
                for (int i = 0; i < exprs.length; i++) {
                    out[i] = exprs[i].eval(row);
                }
                return out;
            }

            @Override
            public void close() {
                input.close();
            }
        };
    }

    /** Skips {@code offset} rows, then passes at most {@code limit} (negative: no limit). */
    public static RowSource limit(RowSource input, long offset, long limit) {
        return new RowSource() {
            private long skipped;
            private long passed;

            @Override
            public Object[] next() {
                if (limit >= 0 && passed >= limit) {
                    return null;
                }
                Object[] row;
                while (skipped < offset) {
                    if (input.next() == null) {
                        return null;
                    }
                    skipped++;
                }
                row = input.next();
                if (row != null) {
                    passed++;
                }
                return row;
            }

            @Override
            public void close() {
                input.close();
            }
        };
    }

    /** Keeps the first {@code width} columns (drops hidden ORDER BY columns). */
    public static RowSource trim(RowSource input, int width) {
        return new RowSource() {
            @Override
            public Object[] next() {
                Object[] row = input.next();
                return row == null ? null : java.util.Arrays.copyOf(row, width);
            }

            @Override
            public void close() {
                input.close();
            }
        };
    }
}

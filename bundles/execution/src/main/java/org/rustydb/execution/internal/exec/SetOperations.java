package org.rustydb.execution.internal.exec;

import org.rustydb.execution.internal.plan.PlanNode;
import org.rustydb.spi.exec.SessionContext;

/**
 * UNION, INTERSECT and EXCEPT, with or without ALL, by hashing whole rows (NULLs equal to each
 * other, as set operations treat them): UNION ALL streams, UNION streams through
 * {@link HashDistinct}, INTERSECT and EXCEPT count rows in {@link HashSetOp}. Past work_mem the
 * hashing operators partition their rows to temporary files.
 */
final class SetOperations {
    private SetOperations() {
    }

    static RowSource open(PlanNode.SetOpKind kind, boolean all, RowSource left, RowSource right,
                          SessionContext session) {
        if (kind == PlanNode.SetOpKind.UNION) {
            RowSource both = concat(left, right);
            return all ? both : new HashDistinct(both, null, session);
        }
        return new HashSetOp(kind, all, left, right, session);
    }

    /** The rows of both inputs, left first. */
    static RowSource concat(RowSource left, RowSource right) {
        return new RowSource() {
            private boolean leftDone;

            @Override
            public Object[] next() {
                if (!leftDone) {
                    Object[] row = left.next();
                    if (row != null) {
                        return row;
                    }
                    leftDone = true;
                }
                return right.next();
            }

            @Override
            public void close() {
                try {
                    left.close();
                } finally {
                    right.close();
                }
            }
        };
    }

    /**
     * The first row of each run of rows equal in the given columns (NULLs equal), for an input
     * that brings equal keys together (sorted on them): no memory beyond the previous key.
     */
    static RowSource unique(RowSource input, int[] columns) {
        return new RowSource() {
            private Object[] previous;
            private final Object[] current = new Object[columns.length];

            @Override
            public Object[] next() {
                Object[] row;
                while ((row = input.next()) != null) {
                    for (int i = 0; i < columns.length; i++) {
                        current[i] = row[columns[i]];
                    }
                    Object[] key = KeyTable.normalized(current);
                    if (previous == null || !HashKey.sameValues(previous, key)) {
                        previous = key == current ? current.clone() : key;
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
}

package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rustydb.execution.internal.plan.PlanNode;

/**
 * UNION, INTERSECT and EXCEPT, with or without ALL, by hashing whole rows (NULLs equal to each
 * other, as set operations treat them). UNION ALL streams; the others read both inputs first.
 */
final class SetOperations {
    private SetOperations() {
    }

    static RowSource open(PlanNode.SetOpKind kind, boolean all, RowSource left, RowSource right) {
        if (kind == PlanNode.SetOpKind.UNION) {
            RowSource both = concat(left, right);
            return all ? both : distinct(both);
        }
        return new Counted(kind, all, left, right);
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

    /** The first row of each distinct value of the given columns (all columns when null). */
    static RowSource distinct(RowSource input) {
        return distinct(input, null);
    }

    static RowSource distinct(RowSource input, int[] columns) {
        Set<HashKey> seen = new HashSet<>();
        return new RowSource() {
            @Override
            public Object[] next() {
                Object[] row;
                while ((row = input.next()) != null) {
                    HashKey key = columns == null ? new HashKey(row.clone()) : HashKey.of(row, columns);
                    if (seen.add(key)) {
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

    /** INTERSECT [ALL] and EXCEPT [ALL]: counts each distinct row on both sides. */
    private static final class Counted implements RowSource {
        private final PlanNode.SetOpKind kind;
        private final boolean all;
        private final RowSource left;
        private final RowSource right;
        private Iterator<Object[]> output;

        Counted(PlanNode.SetOpKind kind, boolean all, RowSource left, RowSource right) {
            this.kind = kind;
            this.all = all;
            this.left = left;
            this.right = right;
        }

        private void compute() {
            Map<HashKey, Object[]> first = new LinkedHashMap<>();
            Map<HashKey, Integer> leftCount = new HashMap<>();
            Map<HashKey, Integer> rightCount = new HashMap<>();
            Object[] row;
            while ((row = left.next()) != null) {
                HashKey k = new HashKey(row.clone());
                first.putIfAbsent(k, row);
                leftCount.merge(k, 1, Integer::sum);
            }
            while ((row = right.next()) != null) {
                rightCount.merge(new HashKey(row.clone()), 1, Integer::sum);
            }
            List<Object[]> out = new ArrayList<>();
            for (Map.Entry<HashKey, Object[]> e : first.entrySet()) {
                int l = leftCount.get(e.getKey());
                int r = rightCount.getOrDefault(e.getKey(), 0);
                int n;
                if (kind == PlanNode.SetOpKind.INTERSECT) {
                    n = all ? Math.min(l, r) : (r > 0 ? 1 : 0);
                } else {
                    n = all ? Math.max(l - r, 0) : (r == 0 ? 1 : 0);
                }
                for (int i = 0; i < n; i++) {
                    out.add(e.getValue());
                }
            }
            output = out.iterator();
        }

        @Override
        public Object[] next() {
            if (output == null) {
                compute();
            }
            return output.hasNext() ? output.next() : null;
        }

        @Override
        public void close() {
            try {
                left.close();
            } finally {
                right.close();
            }
        }
    }
}

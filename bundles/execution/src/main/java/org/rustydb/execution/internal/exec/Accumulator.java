package org.rustydb.execution.internal.exec;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.types.Comparisons;

/**
 * The running state of one aggregate over one group. {@link #add} sees the argument values of
 * each input row that passed DISTINCT and FILTER; NULL arguments are skipped by the caller for
 * every aggregate but {@code count(*)} (which has none).
 */
abstract class Accumulator {

    abstract void add(Object[] args);

    abstract Object result();

    /** A fresh accumulator for the aggregate {@code name} with the given result type. */
    static Accumulator create(String name, SqlType result) {
        return switch (name) {
            case "count" -> new Count();
            case "sum" -> new Sum(result);
            case "min" -> new Extreme(false);
            case "max" -> new Extreme(true);
            case "bool_and", "every" -> new BoolAnd();
            case "bool_or" -> new BoolOr();
            case "string_agg" -> new StringAgg();
            default -> throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "aggregate %s is not supported yet", name);
        };
    }

    private static final class Count extends Accumulator {
        private long n;

        @Override
        void add(Object[] args) {
            n++;
        }

        @Override
        Object result() {
            return n;
        }
    }

    /** sum of integers as bigint (of bigints it would be numeric). */
    private static final class Sum extends Accumulator {
        private final SqlType type;
        private long total;
        private boolean any;

        Sum(SqlType type) {
            this.type = type;
        }

        @Override
        void add(Object[] args) {
            try {
                total = Math.addExact(total, ((Number) args[0]).longValue());
            } catch (ArithmeticException e) {
                throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "%s out of range", type.sqlName());
            }
            any = true;
        }

        @Override
        Object result() {
            return any ? total : null;
        }
    }

    private static final class Extreme extends Accumulator {
        private final boolean max;
        private Object best;

        Extreme(boolean max) {
            this.max = max;
        }

        @Override
        void add(Object[] args) {
            Object v = args[0];
            if (best == null) {
                best = v;
                return;
            }
            int c = Comparisons.compare(v, best);
            if (max ? c > 0 : c < 0) {
                best = v;
            }
        }

        @Override
        Object result() {
            return best;
        }
    }

    private static final class BoolAnd extends Accumulator {
        private Boolean value;

        @Override
        void add(Object[] args) {
            value = (value == null || value) && (Boolean) args[0];
        }

        @Override
        Object result() {
            return value;
        }
    }

    private static final class BoolOr extends Accumulator {
        private Boolean value;

        @Override
        void add(Object[] args) {
            value = (value != null && value) || (Boolean) args[0];
        }

        @Override
        Object result() {
            return value;
        }
    }

    /** string_agg(value, delimiter): each value after the first is preceded by its row's delimiter. */
    private static final class StringAgg extends Accumulator {
        private StringBuilder text;

        @Override
        void add(Object[] args) {
            if (text == null) {
                text = new StringBuilder();
            } else if (args[1] != null) {
                text.append((String) args[1]);
            }
            text.append((String) args[0]);
        }

        @Override
        Object result() {
            return text == null ? null : text.toString();
        }
    }

    /** Rows kept in call order for aggregates with ORDER BY: sorted, then fed to the real one. */
    static final class Ordered extends Accumulator {
        private final Accumulator target;
        private final java.util.Comparator<Object[]> order;
        private final int argCount;
        private final List<Object[]> rows = new ArrayList<>();

        Ordered(Accumulator target, java.util.Comparator<Object[]> order, int argCount) {
            this.target = target;
            this.order = order;
            this.argCount = argCount;
        }

        /** args then the ORDER BY values. */
        @Override
        void add(Object[] argsAndKeys) {
            rows.add(argsAndKeys);
        }

        @Override
        Object result() {
            rows.sort(order);
            for (Object[] r : rows) {
                target.add(java.util.Arrays.copyOf(r, argCount));
            }
            return target.result();
        }
    }
}

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
            case "sum" -> result == SqlType.BIGINT ? new Sum(result) : new Total(result, false);
            case "avg" -> new Total(result, true);
            case "var_samp", "variance", "var_pop", "stddev", "stddev_samp", "stddev_pop" -> new Spread(name, result);
            case "array_agg" -> new ArrayAgg();
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

    /**
     * sum of bigint or numeric (exact, numeric), of real or double precision; avg likewise, the
     * total divided by the count with numeric's division scale (floats: in double).
     */
    private static final class Total extends Accumulator {
        private final SqlType type;
        private final boolean average;
        /** Integer inputs add up here while they fit: far cheaper than numeric per row. */
        private long integral;
        private java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
        private double approximate;
        private long count;

        Total(SqlType type, boolean average) {
            this.type = type;
            this.average = average;
        }

        @Override
        void add(Object[] args) {
            Object v = args[0];
            if (type == SqlType.NUMERIC) {
                if (v instanceof java.math.BigDecimal d) {
                    exact = exact.add(d);
                } else {
                    long x = ((Number) v).longValue();
                    long sum = integral + x;
                    if (((integral ^ sum) & (x ^ sum)) < 0) { // overflow: move what fits into exact
                        exact = exact.add(java.math.BigDecimal.valueOf(integral));
                        sum = x;
                    }
                    integral = sum;
                }
            } else {
                approximate += ((Number) v).doubleValue();
            }
            count++;
        }

        @Override
        Object result() {
            if (count == 0) {
                return null;
            }
            if (type == SqlType.NUMERIC) {
                java.math.BigDecimal total = exact.add(java.math.BigDecimal.valueOf(integral));
                return average ? org.rustydb.execution.internal.types.NumericValues.numeric('/', total,
                        java.math.BigDecimal.valueOf(count)) : total;
            }
            double value = average ? approximate / count : approximate;
            if (Double.isInfinite(value) && average) {
                throw DbException.of(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
            }
            return type == SqlType.REAL ? (Object) (float) value : (Object) value;
        }
    }

    /** Sample and population variance and standard deviation: numeric for exact inputs, else double. */
    private static final class Spread extends Accumulator {
        private final String name;
        private final SqlType type;
        private java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        private java.math.BigDecimal squares = java.math.BigDecimal.ZERO;
        private double fsum;
        private double fsquares;
        private long n;

        Spread(String name, SqlType type) {
            this.name = name;
            this.type = type;
        }

        @Override
        void add(Object[] args) {
            if (type == SqlType.NUMERIC) {
                java.math.BigDecimal v = args[0] instanceof java.math.BigDecimal d ? d
                        : java.math.BigDecimal.valueOf(((Number) args[0]).longValue());
                sum = sum.add(v);
                squares = squares.add(v.multiply(v));
            } else {
                // Youngs-Cramer, as PostgreSQL's float8_accum: fsquares is the sum of squared deviations
                double v = ((Number) args[0]).doubleValue();
                fsum += v;
                if (n > 0) {
                    double tmp = v * (n + 1) - fsum;
                    fsquares += tmp * tmp / ((double) (n + 1) * n);
                }
            }
            n++;
        }

        @Override
        Object result() {
            boolean population = name.endsWith("_pop");
            if (n == 0 || (!population && n == 1)) {
                return null;
            }
            boolean root = name.startsWith("stddev");
            if (type == SqlType.NUMERIC) {
                java.math.BigDecimal count = java.math.BigDecimal.valueOf(n);
                java.math.BigDecimal numerator = count.multiply(squares).subtract(sum.multiply(sum));
                java.math.BigDecimal denominator = population ? count.multiply(count)
                        : count.multiply(count.subtract(java.math.BigDecimal.ONE));
                if (numerator.signum() <= 0) {
                    return java.math.BigDecimal.ZERO.setScale(Math.max(sum.scale(), 0));
                }
                java.math.BigDecimal variance = org.rustydb.execution.internal.types.NumericValues.numeric('/',
                        numerator, denominator);
                if (!root) {
                    return variance;
                }
                return variance.sqrt(new java.math.MathContext(variance.precision() + 2))
                        .setScale(variance.scale(), java.math.RoundingMode.HALF_UP);
            }
            double variance = fsquares / (population ? n : n - 1);
            return root ? Math.sqrt(variance) : variance;
        }
    }

    /** array_agg: the values in input order, NULLs included (the caller passes them). */
    private static final class ArrayAgg extends Accumulator {
        private List<Object> values;

        @Override
        void add(Object[] args) {
            if (values == null) {
                values = new ArrayList<>();
            }
            values.add(args[0]);
        }

        @Override
        Object result() {
            return values == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(values));
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

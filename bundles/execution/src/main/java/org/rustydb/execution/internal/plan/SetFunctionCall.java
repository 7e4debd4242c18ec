package org.rustydb.execution.internal.plan;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.types.CompositeValue;
import org.rustydb.execution.internal.types.DataType;

/**
 * A set-returning function called in a select list (PostgreSQL's ProjectSet): for each input row
 * it yields its values one after the other. generate_series over integers, unnest(array) and
 * information_schema._pg_expandarray(array), which yields the composite (x, n): each element
 * with its 1-based position, as drivers use it to walk index and constraint keys.
 */
public record SetFunctionCall(Kind kind, List<BoundExpr> args, DataType type) {
    public enum Kind {
        GENERATE_SERIES("generate_series"),
        UNNEST("unnest"),
        EXPAND_ARRAY("information_schema._pg_expandarray");

        private final String sqlName;

        Kind(String sqlName) {
            this.sqlName = sqlName;
        }

        public String sqlName() {
            return sqlName;
        }
    }

    public SetFunctionCall {
        args = List.copyOf(args);
    }

    /** The result type of _pg_expandarray over an array of this type. */
    public static DataType expandArrayType(DataType array) {
        return DataType.composite(List.of(new DataType.Field("x", array.element()), new DataType.Field("n",
                DataType.INTEGER)));
    }

    /** The values for one input row; none when an argument is NULL (the functions are strict). */
    public Iterator<Object> values(Object[] row) {
        Object[] a = new Object[args.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = args.get(i).eval(row);
            if (a[i] == null) {
                return Collections.emptyIterator();
            }
        }
        return switch (kind) {
            case UNNEST -> ((List<?>) a[0]).stream().map(v -> (Object) v).iterator();
            case EXPAND_ARRAY -> expand((List<?>) a[0]);
            case GENERATE_SERIES -> series(((Number) a[0]).longValue(), ((Number) a[1]).longValue(),
                    a.length > 2 ? ((Number) a[2]).longValue() : 1L, type.type() == SqlType.INTEGER);
        };
    }

    private static Iterator<Object> expand(List<?> array) {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < array.size();
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                i++;
                return new CompositeValue(array.get(i - 1), i);
            }
        };
    }

    private static Iterator<Object> series(long from, long to, long step, boolean integer) {
        if (step == 0) {
            throw DbException.of(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
        }
        return new Iterator<>() {
            private long next = from;
            private boolean done = step > 0 ? from > to : from < to;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public Object next() {
                if (done) {
                    throw new NoSuchElementException();
                }
                long value = next;
                try {
                    next = Math.addExact(next, step);
                    done = step > 0 ? next > to : next < to;
                } catch (ArithmeticException overflow) {
                    done = true;
                }
                return integer ? (Object) (int) value : (Object) value;
            }
        };
    }
}

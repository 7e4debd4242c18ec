package org.rustydb.execution.internal.binder;

import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.expr.Arithmetic;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;

/**
 * PostgreSQL's arithmetic operators on date, time, timestamp, timestamptz and interval: which
 * operand types exist, which implicit casts apply first (a date meets an interval as a timestamp),
 * and the result type.
 */
final class DateTimeOperators {
    private DateTimeOperators() {
    }

    /** The bound operator, or null when PostgreSQL has none for these operand types. */
    static BoundExpr arithmetic(Arithmetic.Op op, BoundExpr left, BoundExpr right) {
        SqlType l = left.type();
        SqlType r = right.type();
        boolean add = op == Arithmetic.Op.ADD;
        boolean subtract = op == Arithmetic.Op.SUBTRACT;
        // date +/- integer, integer + date
        if (l == SqlType.DATE && isDayCount(r) && (add || subtract)) {
            return new Arithmetic(op, left, right, DataType.DATE);
        }
        if (isDayCount(l) && r == SqlType.DATE && add) {
            return new Arithmetic(op, left, right, DataType.DATE);
        }
        if (l == SqlType.DATE && r == SqlType.DATE && subtract) {
            return new Arithmetic(op, left, right, DataType.INTEGER);
        }
        // date + time, time + date
        if (add && ((l == SqlType.DATE && r == SqlType.TIME) || (l == SqlType.TIME && r == SqlType.DATE))) {
            return new Arithmetic(op, left, right, DataType.TIMESTAMP);
        }
        // a point in time +/- interval, interval + a point in time
        if (r == SqlType.INTERVAL && (add || subtract) && isPoint(l)) {
            BoundExpr point = l == SqlType.DATE ? cast(left, DataType.TIMESTAMP) : left;
            return new Arithmetic(op, point, right, DataType.of(point.type()));
        }
        if (l == SqlType.INTERVAL && add && isPoint(r)) {
            BoundExpr point = r == SqlType.DATE ? cast(right, DataType.TIMESTAMP) : right;
            return new Arithmetic(op, point, left, DataType.of(point.type()));
        }
        if (l == SqlType.INTERVAL && r == SqlType.INTERVAL && (add || subtract)) {
            return new Arithmetic(op, left, right, DataType.INTERVAL);
        }
        // point - point of the same kind (a date meets a timestamp as a timestamp)
        if (subtract && isPoint(l) && isPoint(r)) {
            if (l == SqlType.TIME || r == SqlType.TIME) {
                return l == r ? new Arithmetic(op, left, right, DataType.INTERVAL) : null;
            }
            DataType wider = DataType.of(Casts.canCast(l, r, Casts.Context.IMPLICIT) ? r : l);
            return new Arithmetic(op, cast(left, wider), cast(right, wider), DataType.INTERVAL);
        }
        // interval * number, number * interval, interval / number
        if (l == SqlType.INTERVAL && r.isNumeric() && (op == Arithmetic.Op.MULTIPLY || op == Arithmetic.Op.DIVIDE)) {
            return new Arithmetic(op, left, cast(right, DataType.DOUBLE), DataType.INTERVAL);
        }
        if (l.isNumeric() && r == SqlType.INTERVAL && op == Arithmetic.Op.MULTIPLY) {
            return new Arithmetic(op, cast(left, DataType.DOUBLE), right, DataType.INTERVAL);
        }
        return null;
    }

    /** PostgreSQL has date + integer; smallint converts to integer implicitly, bigint does not. */
    private static boolean isDayCount(SqlType t) {
        return t == SqlType.INTEGER || t == SqlType.SMALLINT;
    }

    private static boolean isPoint(SqlType t) {
        return t.isDateTime();
    }

    private static BoundExpr cast(BoundExpr e, DataType type) {
        BoundExpr c = Coercions.coerce(e, type, Casts.Context.IMPLICIT);
        if (c == null) {
            throw new IllegalStateException("no implicit cast from " + e.dataType() + " to " + type);
        }
        return c;
    }
}

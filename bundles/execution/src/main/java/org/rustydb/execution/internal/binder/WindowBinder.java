package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.List;

import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.WindowElement;
import net.sf.jsqlparser.expression.WindowOffset;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.plan.SortKey;
import org.rustydb.execution.internal.plan.WindowCall;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;

/**
 * Binds a window function call ({@code f(...) OVER (...)}) in a select list or ORDER BY: ranking
 * functions, lag/lead, first/last/nth_value and the aggregates over a frame.
 */
final class WindowBinder {
    private final BindContext ctx;
    private final ExpressionBinder binder;

    WindowBinder(BindContext ctx, ExpressionBinder binder) {
        this.ctx = ctx;
        this.binder = binder;
    }

    BoundExpr bind(AnalyticExpression a, Scope scope) {
        int position = ctx.pos(a);
        Windowing windowing = scope.windowing();
        if (windowing == null) {
            throw DbException.of(SqlState.WINDOWING_ERROR, "window functions are not allowed here")
                    .withPosition(position);
        }
        if (a.getWindowName() != null) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "named windows are not supported yet")
                    .withPosition(position);
        }
        Scope input = scope.unwindowed();
        String name = Identifiers.name(a.getName());
        List<Expression> parsed = new ArrayList<>();
        if (a.getExpression() != null && !(a.getExpression() instanceof AllColumns)) {
            parsed.add(a.getExpression());
        }
        if (a.getOffset() != null) {
            parsed.add(a.getOffset());
        }
        if (a.getDefaultValue() != null) {
            parsed.add(a.getDefaultValue());
        }
        List<BoundExpr> args = new ArrayList<>();
        for (Expression e : parsed) {
            if (AggregateFinder.firstWindow(e) != null) {
                throw DbException.of(SqlState.WINDOWING_ERROR, "window function calls cannot be nested")
                        .withPosition(ctx.pos(e));
            }
            args.add(binder.bind(e, input));
        }
        List<BoundExpr> partition = new ArrayList<>();
        if (a.getPartitionExpressionList() != null) {
            for (Expression e : a.getPartitionExpressionList()) {
                partition.add(Coercions.resolveUnknown(binder.bind(e, input)));
            }
        }
        List<BoundExpr> order = new ArrayList<>();
        List<SortKey> keys = new ArrayList<>();
        if (a.getOrderByElements() != null) {
            for (OrderByElement o : a.getOrderByElements()) {
                boolean descending = !o.isAsc();
                boolean nullsFirst = o.getNullOrdering() == null ? descending
                        : o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
                order.add(Coercions.resolveUnknown(binder.bind(o.getExpression(), input)));
                keys.add(new SortKey(keys.size(), descending, nullsFirst));
            }
        }
        BoundExpr filter = a.getFilterExpression() == null ? null
                : binder.condition(a.getFilterExpression(), input, "FILTER");
        WindowCall.Frame frame = frame(a.getWindowElement(), input, order.isEmpty());
        DataType type = resultType(name, args, position);
        args = converted(name, args);
        return windowing.add(a.toString(), new WindowCall(name, args, filter, partition, order, keys, frame, type));
    }

    private WindowCall.Frame frame(WindowElement w, Scope input, boolean unordered) {
        if (w == null) {
            return unordered ? new WindowCall.Frame(false, WindowCall.BoundKind.UNBOUNDED_PRECEDING, null,
                    WindowCall.BoundKind.UNBOUNDED_FOLLOWING, null) : WindowCall.Frame.DEFAULT;
        }
        if (w.getType() == WindowElement.Type.GROUPS) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "GROUPS frames are not supported yet");
        }
        boolean rows = w.getType() == WindowElement.Type.ROWS;
        WindowOffset start = w.getRange() != null ? w.getRange().getStart() : w.getOffset();
        WindowOffset end = w.getRange() != null ? w.getRange().getEnd() : null;
        WindowCall.BoundKind startKind = kind(start, true);
        BoundExpr startOffset = offset(start, input, rows);
        WindowCall.BoundKind endKind = end == null ? WindowCall.BoundKind.CURRENT_ROW : kind(end, false);
        BoundExpr endOffset = offset(end, input, rows);
        if (startKind == WindowCall.BoundKind.UNBOUNDED_FOLLOWING) {
            throw DbException.of(SqlState.WINDOWING_ERROR, "frame start cannot be UNBOUNDED FOLLOWING");
        }
        if (endKind == WindowCall.BoundKind.UNBOUNDED_PRECEDING) {
            throw DbException.of(SqlState.WINDOWING_ERROR, "frame end cannot be UNBOUNDED PRECEDING");
        }
        return new WindowCall.Frame(rows, startKind, startOffset, endKind, endOffset);
    }

    private static WindowCall.BoundKind kind(WindowOffset o, boolean start) {
        if (o.getType() == WindowOffset.Type.CURRENT) {
            return WindowCall.BoundKind.CURRENT_ROW;
        }
        boolean preceding = o.getType() == WindowOffset.Type.PRECEDING;
        if (o.getExpression() == null) {
            return preceding ? WindowCall.BoundKind.UNBOUNDED_PRECEDING : WindowCall.BoundKind.UNBOUNDED_FOLLOWING;
        }
        return preceding ? WindowCall.BoundKind.PRECEDING : WindowCall.BoundKind.FOLLOWING;
    }

    private BoundExpr offset(WindowOffset o, Scope input, boolean rows) {
        if (o == null || o.getExpression() == null) {
            return null;
        }
        if (!rows) {
            throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "RANGE with offset PRECEDING/FOLLOWING is not "
                    + "supported yet");
        }
        BoundExpr e = binder.bind(o.getExpression(), Scope.noVariables("ROWS"));
        return Coercions.coerce(e, DataType.BIGINT, Casts.Context.IMPLICIT);
    }

    private static DataType resultType(String name, List<BoundExpr> args, int position) {
        SqlType t = args.isEmpty() ? null : args.get(0).type();
        switch (name) {
            case "row_number", "rank", "dense_rank", "count":
                return DataType.BIGINT;
            case "ntile":
                return DataType.INTEGER;
            case "lag", "lead", "first_value", "last_value", "nth_value", "min", "max":
                if (!args.isEmpty()) {
                    return t == SqlType.UNKNOWN ? DataType.TEXT : args.get(0).dataType();
                }
                break;
            case "percent_rank", "cume_dist":
                return DataType.DOUBLE;
            case "sum", "avg", "bool_and", "bool_or", "every", "string_agg", "array_agg", "variance", "var_samp",
                 "var_pop", "stddev", "stddev_samp", "stddev_pop":
                return AggregateBinder.resultType(name, args, position);
            default:
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "window function %s is not supported yet", name)
                        .withPosition(position);
        }
        throw DbException.of(SqlState.UNDEFINED_FUNCTION, "function %s(%s) does not exist", name,
                String.join(", ", args.stream().map(a -> a.dataType().displayName()).toList()))
                .withPosition(position);
    }

    /** lag/lead's default takes the value's type; offsets are integers; aggregates as aggregates. */
    private static List<BoundExpr> converted(String name, List<BoundExpr> args) {
        List<BoundExpr> out = new ArrayList<>(AggregateBinder.convertedArgs(name, args));
        if (!out.isEmpty() && out.get(0).type() == SqlType.UNKNOWN) {
            out.set(0, Coercions.resolveUnknown(out.get(0)));
        }
        if ((name.equals("lag") || name.equals("lead")) && out.size() == 3) {
            out.set(2, Coercions.coerce(out.get(2), out.get(0).dataType(), Casts.Context.IMPLICIT));
        }
        return out;
    }
}

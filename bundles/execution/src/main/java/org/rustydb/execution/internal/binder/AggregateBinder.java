package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.List;

import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.plan.AggregateCall;
import org.rustydb.execution.internal.plan.SortKey;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;

/**
 * Binds an aggregate call met in a grouped query's select list, HAVING or ORDER BY: its
 * arguments, FILTER and ORDER BY over the input rows, its result type; the call becomes a column
 * of the aggregate's output.
 */
final class AggregateBinder {
    private final BindContext ctx;
    private final ExpressionBinder binder;

    AggregateBinder(BindContext ctx, ExpressionBinder binder) {
        this.ctx = ctx;
        this.binder = binder;
    }

    /** The functions registered under a name, which would make it no aggregate call; a dependency. */
    private List<org.rustydb.spi.function.SqlFunction> registered(String name) {
        List<org.rustydb.spi.function.SqlFunction> overloads = ctx.session().functions(name);
        ctx.dependencies().functions(name, overloads);
        return overloads;
    }

    /** The call as a column of the grouped rows, or null if {@code e} is no aggregate call. */
    BoundExpr bind(Expression e, Grouping grouping) {
        if (e instanceof Function f && AggregateFinder.isAggregateName(f.getName())
                && registered(Identifiers.name(f.getName())).isEmpty()) {
            List<Expression> args = f.getParameters() == null ? List.of() : new ArrayList<>(f.getParameters());
            boolean star = f.isAllColumns() || (args.size() == 1 && args.get(0) instanceof AllColumns);
            return call(e, Identifiers.name(f.getName()), star ? List.of() : args, star, f.isDistinct(), null,
                    f.getOrderByElements(), grouping);
        }
        if (e instanceof AnalyticExpression a && a.getType() == net.sf.jsqlparser.expression.AnalyticType.FILTER_ONLY
                && AggregateFinder.isAggregateName(a.getName())) {
            List<Expression> args = new ArrayList<>();
            if (a.getExpression() != null) {
                args.add(a.getExpression());
            }
            boolean star = a.isAllColumns() || (args.size() == 1 && args.get(0) instanceof AllColumns);
            return call(e, Identifiers.name(a.getName()), star ? List.of() : args, star, a.isDistinct(),
                    a.getFilterExpression(), a.getFuncOrderBy(), grouping);
        }
        return null;
    }

    private BoundExpr call(Expression node, String name, List<Expression> parsedArgs, boolean star, boolean distinct,
                           Expression filter, List<OrderByElement> order, Grouping grouping) {
        Scope input = grouping.input();
        int position = ctx.pos(node);
        if (star && !name.equals("count")) {
            throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "%s(*) specified, but %s is not an aggregate function",
                    name, name).withPosition(position);
        }
        List<BoundExpr> args = new ArrayList<>();
        for (Expression a : parsedArgs) {
            Expression nested = AggregateFinder.firstAggregate(a);
            if (nested != null) {
                throw DbException.of(SqlState.GROUPING_ERROR, "aggregate function calls cannot be nested")
                        .withPosition(ctx.pos(nested));
            }
            args.add(binder.bind(a, input));
        }
        DataType type = resultType(name, args, position);
        args = convertedArgs(name, args);
        BoundExpr boundFilter = filter == null ? null : binder.condition(filter, input, "FILTER");
        List<BoundExpr> orderValues = new ArrayList<>();
        List<SortKey> keys = new ArrayList<>();
        if (order != null) {
            for (OrderByElement o : order) {
                boolean descending = !o.isAsc();
                boolean nullsFirst = o.getNullOrdering() == null ? descending
                        : o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
                orderValues.add(Coercions.resolveUnknown(binder.bind(o.getExpression(), input)));
                keys.add(new SortKey(keys.size(), descending, nullsFirst));
            }
        }
        AggregateCall call = new AggregateCall(name, args, distinct, boundFilter, orderValues, keys, type);
        return grouping.addCall(node.toString(), call);
    }

    /** PostgreSQL's result type of an aggregate over these arguments, or 42883. */
    static DataType resultType(String name, List<BoundExpr> args, int position) {
        SqlType t = args.isEmpty() ? null : args.get(0).type();
        switch (name) {
            case "count":
                return DataType.BIGINT;
            case "sum":
                if (args.size() == 1 && (t == SqlType.SMALLINT || t == SqlType.INTEGER)) {
                    return DataType.BIGINT;
                }
                if (args.size() == 1 && (t == SqlType.BIGINT || t == SqlType.NUMERIC)) {
                    return DataType.NUMERIC;
                }
                if (args.size() == 1 && (t == SqlType.REAL || t == SqlType.DOUBLE)) {
                    return DataType.of(t);
                }
                break;
            case "avg":
            case "variance":
            case "var_samp":
            case "var_pop":
            case "stddev":
            case "stddev_samp":
            case "stddev_pop":
                if (args.size() == 1 && (t.isInteger() || t == SqlType.NUMERIC)) {
                    return DataType.NUMERIC;
                }
                if (args.size() == 1 && (t == SqlType.REAL || t == SqlType.DOUBLE)) {
                    return DataType.DOUBLE;
                }
                break;
            case "array_agg":
                if (args.size() == 1 && t != SqlType.UNKNOWN && t.arrayType() != null) {
                    return DataType.of(t.arrayType());
                }
                if (args.size() == 1 && t == SqlType.UNKNOWN) {
                    return DataType.of(SqlType.TEXT_ARRAY);
                }
                break;
            case "min":
            case "max":
                if (args.size() == 1 && t != SqlType.UNKNOWN) {
                    return args.get(0).dataType().typmod() >= 0 ? DataType.of(t) : args.get(0).dataType();
                }
                if (args.size() == 1) {
                    return DataType.TEXT;
                }
                break;
            case "bool_and":
            case "bool_or":
            case "every":
                if (args.size() == 1 && (t == SqlType.BOOLEAN || t == SqlType.UNKNOWN)) {
                    return DataType.BOOLEAN;
                }
                break;
            case "string_agg":
                if (args.size() == 2 && (t.isString() || t == SqlType.UNKNOWN)
                        && (args.get(1).type().isString() || args.get(1).type() == SqlType.UNKNOWN)) {
                    return DataType.TEXT;
                }
                break;
            default:
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED, "aggregate %s is not supported yet", name)
                        .withPosition(position);
        }
        String types = String.join(", ", args.stream().map(a -> a.dataType().displayName()).toList());
        throw DbException.of(SqlState.UNDEFINED_FUNCTION, "function %s(%s) does not exist", name, types)
                .withHint("No function matches the given name and argument types. You might need to add explicit "
                        + "type casts.").withPosition(position);
    }

    static List<BoundExpr> convertedArgs(String name, List<BoundExpr> args) {
        List<BoundExpr> out = new ArrayList<>();
        for (BoundExpr a : args) {
            DataType target = switch (name) {
                case "string_agg" -> DataType.TEXT;
                case "bool_and", "bool_or", "every" -> DataType.BOOLEAN;
                // integers stay integers: the accumulators sum them exactly without a numeric per row
                case "avg", "variance", "var_samp", "var_pop", "stddev", "stddev_samp", "stddev_pop" ->
                        a.type() == SqlType.REAL ? DataType.DOUBLE : null;
                default -> a.type() == SqlType.UNKNOWN ? DataType.TEXT : null;
            };
            out.add(target == null ? a : Coercions.coerce(a, target, Casts.Context.IMPLICIT));
        }
        return out;
    }
}

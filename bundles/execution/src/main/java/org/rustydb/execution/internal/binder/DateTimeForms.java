package org.rustydb.execution.internal.binder;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.schema.Column;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.FunctionCall;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.function.BuiltinFunction;
import org.rustydb.execution.internal.function.DateTimeFunctions;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.execution.internal.types.DateTimeValues;
import org.rustydb.execution.internal.types.TransactionClock;

/**
 * The date/time keywords PostgreSQL turns into calls: CURRENT_DATE, CURRENT_TIME, CURRENT_TIMESTAMP,
 * LOCALTIME and LOCALTIMESTAMP (the last four with an optional precision), all the transaction's
 * start time, and EXTRACT(field FROM value), which calls pg_catalog.extract(text, value).
 * CURRENT_TIME is time without time zone here, as time with time zone does not exist yet.
 */
final class DateTimeForms {
    private final BindContext ctx;
    private final ExpressionBinder binder;
    private final FunctionBinder functions;

    DateTimeForms(BindContext ctx, ExpressionBinder binder, FunctionBinder functions) {
        this.ctx = ctx;
        this.binder = binder;
        this.functions = functions;
    }

    /** A keyword or EXTRACT; null for other expressions. */
    BoundExpr bindExpression(Expression e, Scope scope) {
        if (e instanceof TimeKeyExpression k) {
            BoundExpr bound = keyword(k.getStringValue().toLowerCase(Locale.ROOT), -1);
            if (bound == null) {
                throw binder.unsupported("the expression " + k.getStringValue() + " is", e);
            }
            return bound;
        }
        // the parser reads LOCALTIME and LOCALTIMESTAMP as column names; unquoted, they cannot be
        if (e instanceof Column c && c.getTable() == null && !c.getColumnName().startsWith("\"")) {
            String name = c.getColumnName().toLowerCase(Locale.ROOT);
            if (name.equals("localtime") || name.equals("localtimestamp")) {
                return keyword(name, -1);
            }
            if (name.equals("current_catalog")) {
                // SQL's keywords for the database and the user, which take no parentheses
                return new Literal(DataType.TEXT, ctx.session().database(), ctx.pos(e));
            }
            if (name.equals("current_user") || name.equals("current_role")) {
                return new Literal(DataType.TEXT, ctx.session().user(), ctx.pos(e));
            }
            if (name.equals("session_user")) {
                return new Literal(DataType.TEXT, ctx.session().sessionUser(), ctx.pos(e));
            }
            if (name.equals("current_schema")) {
                // the same for CURRENT_SCHEMA, a keyword that needs no parentheses
                return functions.callSessionFunction(name, ctx.pos(e));
            }
        }
        if (e instanceof ExtractExpression x) {
            String field = x.getName();
            if (field.length() > 1 && field.startsWith("'") && field.endsWith("'")) {
                field = field.substring(1, field.length() - 1);
            }
            BoundExpr value = binder.bind(x.getExpression(), scope);
            return functions.callCatalogFunction("extract",
                    List.of(new Literal(DataType.UNKNOWN, field, ctx.pos(e)), value), ctx.pos(e));
        }
        return null;
    }

    /** current_timestamp(p), current_time(p), localtimestamp(p), localtime(p); null for other calls. */
    BoundExpr bindCall(net.sf.jsqlparser.expression.Function f, String name) {
        if (!List.of("current_timestamp", "current_time", "localtimestamp", "localtime").contains(name)
                || f.getParameters() == null || f.getParameters().size() != 1
                || f.getMultipartName() != null && f.getMultipartName().size() > 1) {
            return null;
        }
        Object p = f.getParameters().get(0);
        if (!(p instanceof net.sf.jsqlparser.expression.LongValue v)) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \"%s\"", p).withPosition(ctx.pos(f));
        }
        long precision = v.getValue();
        return keyword(name, (int) Math.min(precision, 6));
    }

    private BoundExpr keyword(String name, int precision) {
        return switch (name) {
            case "current_date" -> call(name, SqlType.DATE, -1, DateTimeFunctions::currentDate);
            case "current_timestamp" -> call(name, SqlType.TIMESTAMPTZ, precision, TransactionClock::transactionStart);
            case "localtimestamp" -> call(name, SqlType.TIMESTAMP, precision, DateTimeFunctions::localTimestamp);
            case "current_time", "localtime" -> call(name, SqlType.TIME, precision,
                    () -> DateTimeFunctions.localTimestamp().toLocalTime());
            default -> null;
        };
    }

    private static BoundExpr call(String name, SqlType type, int precision, Supplier<Object> value) {
        DataType dataType = new DataType(type, precision);
        return new FunctionCall(new BuiltinFunction(name, List.of(), type,
                a -> DateTimeValues.applyTypmod(value.get(), dataType)), List.of(), dataType);
    }
}

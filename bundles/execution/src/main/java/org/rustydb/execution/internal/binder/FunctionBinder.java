package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.Coalesce;
import org.rustydb.execution.internal.expr.Comparison;
import org.rustydb.execution.internal.expr.FunctionCall;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.expr.NullIf;
import org.rustydb.execution.internal.function.SequenceFunctions;
import org.rustydb.execution.internal.function.SessionBuiltins;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.spi.function.SqlFunction;

/**
 * Binds function calls: COALESCE and NULLIF are built in (they are syntax in PostgreSQL), and so
 * are the functions bound to the calling session ({@link SessionBuiltins}); every other function
 * is looked up through the session's registered {@link SqlFunction}s.
 */
final class FunctionBinder {
    static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "array_agg",
            "string_agg", "bool_and", "bool_or", "every", "stddev", "stddev_pop", "stddev_samp", "variance",
            "var_pop", "var_samp", "json_agg", "jsonb_agg");

    private final BindContext ctx;
    private final ExpressionBinder binder;
    private final OperatorBinder operators;
    private final SpecialFunctionForms forms;

    FunctionBinder(BindContext ctx, ExpressionBinder binder) {
        this.ctx = ctx;
        this.binder = binder;
        this.operators = new OperatorBinder(ctx);
        this.forms = new SpecialFunctionForms(ctx, binder, this);
    }

    /** TRIM, the regular expression operators and SIMILAR TO; null for other expressions. */
    BoundExpr bindSpecialForm(Expression e, Scope scope) {
        return forms.bindExpression(e, scope);
    }

    BoundExpr bind(Function f, Scope scope) {
        int position = ctx.pos(f);
        String name = functionName(f, position);
        if (name.equals("array") && f.getParameters() != null && f.getParameters().size() == 1
                && f.getParameters().get(0) instanceof net.sf.jsqlparser.statement.select.Select query) {
            return arraySubquery(query, scope);
        }
        BoundExpr set = SetFunctionBinder.bind(ctx, binder, f, name, scope);
        if (set != null) {
            return set;
        }
        BoundExpr special = forms.bindCall(f, name, scope);
        if (special != null) {
            return special;
        }
        List<SqlFunction> overloads = SessionBuiltins.overloads(ctx.session(), ctx.transaction(), name, ctx::notice);
        if (overloads.isEmpty()) {
            overloads = SequenceFunctions.overloads(ctx.session(), ctx.transaction(), name);
        }
        if (overloads.isEmpty()) {
            overloads = org.rustydb.execution.internal.catalog.CatalogFunctions.overloads(ctx.session(),
                    ctx.transaction(), name);
        }
        if (!overloads.isEmpty()) {
            ctx.dependencies().notReusable("a function bound to the session: " + name);
        } else {
            overloads = registered(name);
        }
        if (overloads.isEmpty() && AGGREGATES.contains(name)) {
            throw DbException.of(SqlState.GROUPING_ERROR, "aggregate functions are not allowed here")
                    .withPosition(position);
        }
        checkPlainCall(f, name);
        List<Expression> parsedArgs = new ArrayList<>();
        if (f.getParameters() != null) {
            parsedArgs.addAll(f.getParameters());
        }
        List<BoundExpr> args = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (Expression a : parsedArgs) {
            args.add(binder.bind(a, scope));
            positions.add(ctx.pos(a));
        }
        if (overloads.isEmpty() && name.equals("coalesce") && !args.isEmpty()) {
            DataType type = Coercions.commonType(args, "COALESCE", positions);
            return new Coalesce(Coercions.coerceAll(args, type, "COALESCE", positions), type);
        }
        if (overloads.isEmpty() && name.equals("nullif") && args.size() == 2) {
            Comparison eq = (Comparison) operators.compare(Comparison.Op.EQ, args.get(0), args.get(1), position);
            return new NullIf(eq.left(), eq.right(), eq.left().dataType());
        }
        if (overloads.isEmpty() && name.equals("pg_typeof") && args.size() == 1) {
            // PostgreSQL returns a regtype, which prints as the type's name; it is text here
            return new Literal(DataType.TEXT, args.get(0).dataType().isComposite() ? "record"
                    : args.get(0).type().sqlName(), position);
        }
        return call(name, overloads, args, position);
    }

    /**
     * A call of the registered function {@code name} with bound arguments, written with SQL syntax
     * that PostgreSQL turns into a pg_catalog function (its errors name it so).
     */
    /** A call without arguments of a function bound to the session (e.g. CURRENT_SCHEMA written without parentheses). */
    BoundExpr callSessionFunction(String name, int position) {
        ctx.dependencies().notReusable("a function bound to the session: " + name);
        return call(name, SessionBuiltins.overloads(ctx.session(), ctx.transaction(), name, ctx::notice), List.of(),
                position);
    }

    BoundExpr callCatalogFunction(String name, List<BoundExpr> args, int position) {
        return call("pg_catalog." + name, registered(name), args, position);
    }

    /** The overloads registered under a name, noted as something the bound statement depends on. */
    private List<SqlFunction> registered(String name) {
        List<SqlFunction> overloads = ctx.session().functions(name);
        ctx.dependencies().functions(name, overloads);
        return overloads;
    }

    private BoundExpr call(String name, List<SqlFunction> overloads, List<BoundExpr> args, int position) {
        List<SqlType> types = args.stream().map(BoundExpr::type).toList();
        SqlFunction chosen = FunctionResolver.choose(name, overloads, types, position);
        ctx.dependencies().execute(chosen.name());
        List<BoundExpr> converted = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            BoundExpr c = Coercions.coerce(args.get(i), DataType.of(chosen.parameterTypes().get(i)),
                    Casts.Context.IMPLICIT);
            if (c == null) {
                throw new IllegalStateException("resolver chose an overload the argument cannot convert to");
            }
            converted.add(c);
        }
        return new FunctionCall(chosen, converted, DataType.of(chosen.returnType()));
    }

    /** The lower-case function name; a schema other than pg_catalog or public does not exist. */
    private String functionName(Function f, int position) {
        List<String> parts = f.getMultipartName();
        if (parts == null || parts.isEmpty()) {
            return Identifiers.name(f.getName());
        }
        if (parts.size() == 2 && Identifiers.name(parts.get(0)).equals(SetFunctionBinder.INFORMATION_SCHEMA)
                && Identifiers.name(parts.get(1)).equals(SetFunctionBinder.EXPAND_ARRAY)) {
            return SetFunctionBinder.INFORMATION_SCHEMA + "." + SetFunctionBinder.EXPAND_ARRAY;
        }
        if (parts.size() > 2) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "improper qualified name (too many dotted names): %s",
                    f.getName()).withPosition(position);
        }
        if (parts.size() == 2) {
            String schema = Identifiers.name(parts.get(0));
            if (!schema.equals("pg_catalog") && !schema.equals("public")) {
                throw DbException.of(SqlState.INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", schema)
                        .withPosition(position);
            }
        }
        return Identifiers.name(parts.get(parts.size() - 1));
    }

    /**
     * ARRAY(subquery): the subquery's one column aggregated in its order, an empty array when it
     * has no rows; bound as {@code (SELECT array_agg(v) FROM (subquery) AS s(v))}.
     */
    private BoundExpr arraySubquery(net.sf.jsqlparser.statement.select.Select query, Scope scope) {
        net.sf.jsqlparser.expression.Expression wrapper;
        try {
            wrapper = net.sf.jsqlparser.parser.CCJSqlParserUtil.parseExpression(
                    "(SELECT array_agg(\"?array?\".v) FROM (SELECT 1) AS \"?array?\"(v))");
        } catch (net.sf.jsqlparser.JSQLParserException e) {
            throw new IllegalStateException(e);
        }
        var select = (net.sf.jsqlparser.statement.select.PlainSelect)
                ((net.sf.jsqlparser.statement.select.ParenthesedSelect) wrapper).getSelect();
        var from = (net.sf.jsqlparser.statement.select.ParenthesedSelect) select.getFromItem();
        from.setSelect(query instanceof net.sf.jsqlparser.statement.select.ParenthesedSelect p ? p.getSelect() : query);
        BoundExpr aggregated = binder.bind(wrapper, scope);
        DataType type = aggregated.dataType();
        return new Coalesce(List.of(aggregated, new Literal(type, List.of(), ctx.pos(query))), type);
    }

    /** Rejects call syntax beyond f(a, b, ...). */
    void checkPlainCall(Function f, String name) {
        if (f.isAllColumns()) {
            throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "%s(*) specified, but %s is not an aggregate function",
                    name, name).withPosition(ctx.pos(f));
        }
        if (f.isDistinct() || f.isUnique() || f.getOrderByElements() != null || f.getKeep() != null
                || f.getHavingClause() != null || f.getLimit() != null || f.isIgnoreNulls()
                || f.getNullHandling() != null) {
            throw binder.unsupported("aggregate call options are", f);
        }
        if (f.getNamedParameters() != null || (f.getKeywordArguments() != null && !f.getKeywordArguments().isEmpty())
                || f.getExtraKeyword() != null) {
            throw binder.unsupported("named or keyword arguments are", f);
        }
        if (f.getAttribute() != null || f.getChainedParameters() != null || f.isEscaped()) {
            throw binder.unsupported("this form of function call is", f);
        }
    }
}

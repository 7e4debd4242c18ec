package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.NamedExpressionList;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperator;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperatorType;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.FunctionCall;
import org.rustydb.execution.internal.expr.Greatest;
import org.rustydb.execution.internal.expr.RegexMatch;
import org.rustydb.execution.internal.function.BuiltinFunction;
import org.rustydb.execution.internal.function.TextFormat;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;

/**
 * The SQL-standard syntax PostgreSQL turns into function calls or operators: TRIM(... FROM ...),
 * POSITION(a IN b), SUBSTRING(s FROM a FOR b), OVERLAY(s PLACING r FROM a FOR b), the regular
 * expression operators ~ ~* !~ !~* and [NOT] SIMILAR TO; also the calls whose arguments may have
 * any type (concat, concat_ws, format) and GREATEST/LEAST, which pick a common type.
 */
final class SpecialFunctionForms {
    private static final java.util.Set<String> VARIADIC = java.util.Set.of("concat", "concat_ws", "format", "greatest",
            "least");

    private final BindContext ctx;
    private final ExpressionBinder binder;
    private final FunctionBinder functions;
    private final OperatorBinder operators;
    private final DateTimeForms dateTime;

    SpecialFunctionForms(BindContext ctx, ExpressionBinder binder, FunctionBinder functions) {
        this.ctx = ctx;
        this.binder = binder;
        this.functions = functions;
        this.operators = new OperatorBinder(ctx);
        this.dateTime = new DateTimeForms(ctx, binder, functions);
    }

    /**
     * Binds TRIM, a regular expression operator, SIMILAR TO, or a date/time keyword or EXTRACT
     * ({@link DateTimeForms}); null for any other expression.
     */
    BoundExpr bindExpression(Expression e, Scope scope) {
        BoundExpr dateTimeForm = dateTime.bindExpression(e, scope);
        if (dateTimeForm != null) {
            return dateTimeForm;
        }
        if (e instanceof TrimFunction t) {
            return trim(t, scope);
        }
        if (e instanceof RegExpMatchOperator r) {
            return regexMatch(r, scope);
        }
        if (e instanceof LikeExpression l && l.getLikeKeyWord() == LikeExpression.KeyWord.SIMILAR_TO) {
            return similarTo(l, scope);
        }
        return null;
    }

    /**
     * Binds POSITION/SUBSTRING/OVERLAY written with keywords, and concat, concat_ws, format,
     * greatest and least; null for any other call.
     */
    BoundExpr bindCall(net.sf.jsqlparser.expression.Function f, String name, Scope scope) {
        NamedExpressionList<?> named = f.getNamedParameters();
        if (named != null) {
            return keywordCall(f, name, named, scope);
        }
        BoundExpr dateTimeCall = dateTime.bindCall(f, name);
        if (dateTimeCall != null) {
            return dateTimeCall;
        }
        if (!VARIADIC.contains(name)) {
            return null;
        }
        functions.checkPlainCall(f, name);
        List<Expression> parsed = f.getParameters() == null ? List.of() : new ArrayList<>(f.getParameters());
        return switch (name) {
            case "concat" -> variadic(f, name, parsed, 1, TextFormat::concat, scope);
            case "concat_ws" -> variadic(f, name, parsed, 2, TextFormat::concatWs, scope);
            case "format" -> variadic(f, name, parsed, 1, TextFormat::format, scope);
            case "greatest", "least" -> greatest(f, name, parsed, scope);
            default -> null;
        };
    }

    private BoundExpr keywordCall(net.sf.jsqlparser.expression.Function f, String name, NamedExpressionList<?> named,
                                  Scope scope) {
        List<String> keywords = named.getNames().stream().map(k -> k == null ? "" : k.toLowerCase()).toList();
        List<Expression> parts = new ArrayList<>();
        for (Object o : named.getExpressions()) {
            parts.add((Expression) o);
        }
        List<Expression> args = switch (name + keywords) {
            // PostgreSQL's position(a IN b) is position(b, a).
            case "position[, in]" -> List.of(parts.get(1), parts.get(0));
            case "substring[, from]", "substring[, from, for]", "overlay[, placing, from]",
                    "overlay[, placing, from, for]" -> parts;
            default -> throw binder.unsupported("named or keyword arguments are", f);
        };
        return call(name, args, ctx.pos(f), scope);
    }

    private BoundExpr trim(TrimFunction t, Scope scope) {
        String name = t.getTrimSpecification() == null ? "btrim" : switch (t.getTrimSpecification()) {
            case LEADING -> "ltrim";
            case TRAILING -> "rtrim";
            default -> "btrim";
        };
        List<Expression> args = new ArrayList<>();
        if (t.isUsingFromKeyword()) {
            // TRIM([chars] FROM string)
            args.add(t.getFromExpression());
            if (t.getExpression() != null) {
                args.add(t.getExpression());
            }
        } else {
            // TRIM(string [, chars])
            if (t.getExpression() == null) {
                throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \")\"").withPosition(ctx.pos(t));
            }
            args.add(t.getExpression());
            if (t.getFromExpression() != null) {
                args.add(t.getFromExpression());
            }
        }
        return call(name, args, ctx.pos(t), scope);
    }

    private BoundExpr call(String name, List<Expression> parsed, int position, Scope scope) {
        List<BoundExpr> args = new ArrayList<>();
        for (Expression e : parsed) {
            args.add(binder.bind(e, scope));
        }
        return functions.callCatalogFunction(name, args, position);
    }

    private BoundExpr regexMatch(RegExpMatchOperator r, Scope scope) {
        RegExpMatchOperatorType type = r.getOperatorType();
        boolean icase = type == RegExpMatchOperatorType.MATCH_CASEINSENSITIVE
                || type == RegExpMatchOperatorType.NOT_MATCH_CASEINSENSITIVE;
        boolean negated = type == RegExpMatchOperatorType.NOT_MATCH_CASESENSITIVE
                || type == RegExpMatchOperatorType.NOT_MATCH_CASEINSENSITIVE;
        String symbol = (negated ? "!~" : "~") + (icase ? "*" : "");
        BoundExpr[] operands = operators.stringOperands(symbol, binder.bind(r.getLeftExpression(), scope),
                binder.bind(r.getRightExpression(), scope), ctx.source().operatorPosition(r.getLeftExpression()));
        return new RegexMatch(operands[0], operands[1], null, false, icase, negated);
    }

    private BoundExpr similarTo(LikeExpression l, Scope scope) {
        String symbol = l.isNot() ? "!~" : "~";
        BoundExpr[] operands = operators.stringOperands(symbol, binder.bind(l.getLeftExpression(), scope),
                binder.bind(l.getRightExpression(), scope), ctx.source().operatorPosition(l.getLeftExpression()));
        BoundExpr escape = null;
        if (l.getEscape() != null) {
            escape = operators.toText(binder.bind(l.getEscape(), scope), ctx.pos(l.getEscape()));
        }
        return new RegexMatch(operands[0], operands[1], escape, true, false, l.isNot());
    }

    /**
     * A call of a function declared with {@code VARIADIC "any"}: every argument keeps its own type
     * (unknown constants become text); concat_ws and format take a string first.
     */
    private BoundExpr variadic(net.sf.jsqlparser.expression.Function f, String name, List<Expression> parsed,
                               int minArgs, Function<Object[], Object> body, Scope scope) {
        List<BoundExpr> args = new ArrayList<>();
        for (Expression e : parsed) {
            args.add(binder.bind(e, scope));
        }
        boolean textFirst = !name.equals("concat");
        if (args.size() < minArgs || (textFirst && !args.get(0).type().isString())) {
            throw DbException.of(SqlState.UNDEFINED_FUNCTION, "function %s does not exist",
                            FunctionResolver.signature(name, args.stream().map(BoundExpr::type).toList()))
                    .withHint("No function matches the given name and argument types. "
                            + "You might need to add explicit type casts.")
                    .withPosition(ctx.pos(f));
        }
        args.replaceAll(Coercions::resolveUnknown);
        if (textFirst) {
            args.set(0, Coercions.coerce(args.get(0), DataType.TEXT, Casts.Context.IMPLICIT));
        }
        List<SqlType> types = args.stream().map(BoundExpr::type).toList();
        return new FunctionCall(BuiltinFunction.nonStrict(name, types, SqlType.TEXT, body), args, DataType.TEXT);
    }

    /** GREATEST/LEAST: the arguments converted to their common type, as for CASE. */
    private BoundExpr greatest(net.sf.jsqlparser.expression.Function f, String name, List<Expression> parsed,
                               Scope scope) {
        String construct = name.toUpperCase(java.util.Locale.ROOT);
        List<BoundExpr> args = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (Expression e : parsed) {
            args.add(binder.bind(e, scope));
            positions.add(ctx.pos(e));
        }
        if (args.isEmpty()) {
            throw DbException.of(SqlState.SYNTAX_ERROR, "syntax error at or near \")\"").withPosition(ctx.pos(f));
        }
        DataType type = Coercions.commonType(args, construct, positions);
        return new Greatest(Coercions.coerceAll(args, type, construct, positions), type, name.equals("greatest"));
    }
}

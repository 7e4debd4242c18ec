package org.rustydb.execution.internal.binder;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.AnyType;
import net.sf.jsqlparser.expression.ArrayExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.IsUnknownExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.Select;
import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.expr.Arithmetic;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.CaseExpr;
import org.rustydb.execution.internal.expr.Comparison;
import org.rustydb.execution.internal.expr.InList;
import org.rustydb.execution.internal.expr.Like;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.expr.Logic;
import org.rustydb.execution.internal.expr.Negate;
import org.rustydb.execution.internal.parser.Identifiers;
import org.rustydb.execution.internal.types.DataType;
import org.rustydb.execution.internal.types.NumericValues;
import org.rustydb.execution.internal.types.TypeNames;

/**
 * Binds JSqlParser expressions: resolves names against a {@link Scope}, checks types and
 * applies PostgreSQL's operator and literal typing rules, producing {@link BoundExpr} trees.
 */
public final class ExpressionBinder {

    private final BindContext ctx;
    private final OperatorBinder operators;
    private final FunctionBinder functions;
    private final AggregateBinder aggregates;
    private final SubqueryBinder subqueries;
    private final WindowBinder windows;

    public ExpressionBinder(BindContext ctx) {
        this(ctx, null);
    }

    ExpressionBinder(BindContext ctx, QueryBinder queries) {
        this.ctx = ctx;
        this.operators = new OperatorBinder(ctx);
        this.functions = new FunctionBinder(ctx, this);
        this.aggregates = new AggregateBinder(ctx, this);
        this.windows = new WindowBinder(ctx, this);
        this.subqueries = new SubqueryBinder(ctx, this, queries != null ? queries : new QueryBinder(ctx, this));
    }

    public BindContext context() {
        return ctx;
    }

    OperatorBinder operators() {
        return operators;
    }

    /** True for the name (lower case) of an aggregate function PostgreSQL has built in. */
    public static boolean isAggregate(String name) {
        return FunctionBinder.AGGREGATES.contains(name);
    }

    /** Binds an expression; unknown-typed constants stay unknown until their context is known. */
    public BoundExpr bind(Expression e, Scope scope) {
        if (scope.grouping() != null) {
            BoundExpr grouped = scope.grouping().matchKey(e);
            if (grouped == null) {
                grouped = aggregates.bind(e, scope.grouping());
            }
            if (grouped != null) {
                return grouped;
            }
        }
        BoundExpr special = functions.bindSpecialForm(e, scope); // before columns: LOCALTIMESTAMP is one to the parser
        if (special != null) {
            return special;
        }
        if (e instanceof Column c) {
            return bindColumn(c, scope);
        }
        if (e instanceof LongValue v) {
            return Literal.ofInteger(new BigInteger(v.getStringValue()), ctx.pos(e));
        }
        if (e instanceof StringValue s) {
            return stringLiteral(s);
        }
        if (e instanceof NullValue) {
            return new Literal(DataType.UNKNOWN, null, ctx.pos(e));
        }
        if (e instanceof BooleanValue b) {
            return new Literal(DataType.BOOLEAN, b.getValue(), ctx.pos(e));
        }
        if (e instanceof DoubleValue) {
            return numericLiteral(NumericValues.parseNumeric(ctx.source().textOf(e)), ctx.pos(e));
        }
        if (e instanceof DateTimeLiteralExpression d) {
            return typedLiteral(d.getType().name(), d.getValue(), d);
        }
        if (e instanceof IntervalExpression i) {
            if (i.getParameter() == null || i.getIntervalType() != null || i.getIntervalQualifier() != null) {
                throw unsupported("this form of interval is", e);
            }
            return typedLiteral("INTERVAL", i.getParameter(), e);
        }
        if (e instanceof net.sf.jsqlparser.expression.ArrayConstructor a) {
            return ArrayBinder.construct(this, a, scope);
        }
        if (e instanceof ArrayExpression a) {
            if (a.getIndexExpression() == null) {
                throw unsupported("array slices are", e);
            }
            return ArrayBinder.subscript(this, bind(a.getObjExpression(), scope), List.of(a.getIndexExpression()),
                    scope, ctx.pos(e));
        }
        if (e instanceof ParenthesedExpressionList<?> list) {
            if (list.size() != 1) {
                throw unsupported("row constructors are", e);
            }
            return bind(list.get(0), scope);
        }
        if (e instanceof SignedExpression s) {
            return bindSigned(s, scope);
        }
        if (e instanceof Addition || e instanceof Subtraction || e instanceof Multiplication
                || e instanceof Division || e instanceof Modulo) {
            return bindArithmetic((BinaryExpression) e, scope);
        }
        if (e instanceof net.sf.jsqlparser.expression.operators.arithmetic.BitwiseAnd
                || e instanceof net.sf.jsqlparser.expression.operators.arithmetic.BitwiseOr) {
            BinaryExpression b = (BinaryExpression) e;
            return operators.bitwise(e instanceof net.sf.jsqlparser.expression.operators.arithmetic.BitwiseAnd,
                    bind(b.getLeftExpression(), scope), bind(b.getRightExpression(), scope),
                    ctx.source().operatorPosition(b.getLeftExpression()));
        }
        if (e instanceof Concat c) {
            return operators.concat(bind(c.getLeftExpression(), scope), bind(c.getRightExpression(), scope),
                    ctx.source().operatorPosition(c.getLeftExpression()));
        }
        if (e instanceof EqualsTo || e instanceof NotEqualsTo || e instanceof GreaterThan
                || e instanceof GreaterThanEquals || e instanceof MinorThan || e instanceof MinorThanEquals) {
            return bindComparison((BinaryExpression) e, scope);
        }
        if (e instanceof AndExpression || e instanceof OrExpression) {
            return bindLogical((BinaryExpression) e, scope);
        }
        if (e instanceof NotExpression n) {
            return new Logic.Not(condition(n.getExpression(), scope, "NOT"));
        }
        if (e instanceof IsNullExpression n) {
            return new Logic.IsNull(bind(n.getLeftExpression(), scope), n.isNot());
        }
        if (e instanceof IsBooleanExpression b) {
            String construct = "IS " + (b.isNot() ? "NOT " : "") + (b.isTrue() ? "TRUE" : "FALSE");
            return new Logic.IsBoolean(condition(b.getLeftExpression(), scope, construct), b.isTrue(), b.isNot());
        }
        if (e instanceof IsUnknownExpression u) {
            String construct = "IS " + (u.isNot() ? "NOT " : "") + "UNKNOWN";
            return new Logic.IsBoolean(condition(u.getLeftExpression(), scope, construct), null, u.isNot());
        }
        if (e instanceof IsDistinctExpression d) {
            Comparison eq = (Comparison) operators.compare(Comparison.Op.EQ, bind(d.getLeftExpression(), scope),
                    bind(d.getRightExpression(), scope), ctx.source().operatorPosition(d.getLeftExpression()));
            return new Logic.IsDistinct(eq.left(), eq.right(), d.isNot());
        }
        if (e instanceof LikeExpression l) {
            return bindLike(l, scope);
        }
        if (e instanceof InExpression in) {
            return bindIn(in, scope);
        }
        if (e instanceof Between b) {
            return bindBetween(b, scope);
        }
        if (e instanceof CaseExpression c) {
            return bindCase(c, scope);
        }
        if (e instanceof CastExpression c) {
            return CastBinder.bind(this, c, scope);
        }
        if (e instanceof Function f) {
            return functions.bind(f, scope);
        }
        if (e instanceof net.sf.jsqlparser.expression.RowGetExpression r) {
            return fieldSelect(r, scope);
        }
        if (e instanceof JdbcParameter p && "$".equals(p.getParameterCharacter()) && p.getIndex() != null) {
            return ctx.parameter(p.getIndex(), ctx.pos(e));
        }
        if (e instanceof JdbcParameter || e instanceof JdbcNamedParameter) {
            throw DbException.of(SqlState.UNDEFINED_PARAMETER, "there is no parameter %s", ctx.source().textOf(e))
                    .withPosition(ctx.pos(e));
        }
        if (e instanceof Select select) {
            return subqueries.scalar(select, scope);
        }
        if (e instanceof ExistsExpression exists) {
            BoundExpr bound = subqueries.exists((Select) exists.getRightExpression(), scope);
            return exists.isNot() ? new Logic.Not(bound) : bound;
        }
        if (e instanceof AnalyticExpression a
                && a.getType() != net.sf.jsqlparser.expression.AnalyticType.FILTER_ONLY) {
            return windows.bind(a, scope);
        }
        if (e instanceof AnalyticExpression) {
            throw DbException.of(SqlState.GROUPING_ERROR, "aggregate functions are not allowed here")
                    .withPosition(ctx.pos(e));
        }
        throw unsupported("the expression " + ctx.source().textOf(e) + " is", e);
    }

    /** {@code (composite).field}: one field of a composite value. */
    private BoundExpr fieldSelect(net.sf.jsqlparser.expression.RowGetExpression r, Scope scope) {
        Expression inner = r.getExpression();
        if (inner instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            inner = list.get(0);
        }
        BoundExpr value = bind(inner, scope);
        String field = Identifiers.name(r.getColumnName());
        if (!value.dataType().isComposite()) {
            throw DbException.of(SqlState.WRONG_OBJECT_TYPE,
                    "column notation .%s applied to type %s, which is not a composite type", field,
                    Coercions.resolveUnknown(value).dataType().displayName()).withPosition(ctx.pos(inner));
        }
        List<DataType.Field> fields = value.dataType().fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(field)) {
                return new org.rustydb.execution.internal.expr.FieldSelect(value, i, fields.get(i).type());
            }
        }
        throw DbException.of(SqlState.UNDEFINED_COLUMN, "could not identify column \"%s\" in record data type", field)
                .withPosition(ctx.pos(inner));
    }

    /** Binds an expression that must be boolean, e.g. the argument of WHERE or AND. */
    public BoundExpr condition(Expression e, Scope scope, String construct) {
        return Coercions.requireBoolean(bind(e, scope), construct, ctx.pos(e));
    }

    /** 0A000 {@code <subject> not supported yet}, where the subject includes its verb ("subqueries are"). */
    DbException unsupported(String subject, Expression e) {
        return DbException.of(SqlState.FEATURE_NOT_SUPPORTED, subject + " not supported yet").withPosition(ctx.pos(e));
    }

    private BoundExpr bindColumn(Column c, Scope scope) {
        int position = ctx.pos(c);
        if (c.getArrayConstructor() != null) {
            Column plain = new Column(c.getTable(), c.getColumnName());
            BoundExpr array = bindColumn(plain, scope, position);
            List<Expression> indexes = new ArrayList<>();
            for (Expression index : c.getArrayConstructor().getExpressions()) {
                indexes.add(index);
            }
            return ArrayBinder.subscript(this, array, indexes, scope, position);
        }
        return bindColumn(c, scope, position);
    }

    private BoundExpr bindColumn(Column c, Scope scope, int position) {
        String column = Identifiers.name(c.getColumnName());
        String table = null;
        String schema = null;
        if (c.getTable() != null && c.getTable().getName() != null) {
            table = Identifiers.name(c.getTable().getName());
            if (c.getTable().getSchemaName() != null) {
                schema = Identifiers.name(c.getTable().getSchemaName());
            }
            String database = c.getTable().getDatabaseName();
            if (database != null && !Identifiers.name(database).equals(ctx.session().database())) {
                throw DbException.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "cross-database references are not implemented: %s", c.getFullyQualifiedName())
                        .withPosition(position);
            }
        }
        return scope.resolve(schema, table, column, position);
    }


    /** A constant with a decimal point or exponent (or too large for bigint) is numeric. */
    private static Literal numericLiteral(BigDecimal value, int position) {
        return new Literal(DataType.NUMERIC, value, position);
    }

    /** {@code DATE '2024-01-02'} and its kin: the string read as a value of the named type. */
    private BoundExpr typedLiteral(String typeName, String quoted, Expression e) {
        String text = quoted.length() >= 2 && quoted.startsWith("'") && quoted.endsWith("'")
                ? quoted.substring(1, quoted.length() - 1).replace("''", "'") : quoted;
        DataType type = TypeNames.resolve(typeName, List.of(), false, ctx.pos(e));
        return Coercions.convertLiteral(new Literal(DataType.UNKNOWN, text, ctx.pos(e)), type, true);
    }

    private BoundExpr stringLiteral(StringValue s) {
        if (s.getPrefix() != null && !s.getPrefix().isEmpty()) {
            String prefix = s.getPrefix().toUpperCase(java.util.Locale.ROOT);
            String type = prefix.equals("N") ? "type character" : prefix.equals("B") || prefix.equals("X")
                    ? "type bit" : "the string prefix " + prefix;
            throw unsupported(type + " is", s);
        }
        return new Literal(DataType.UNKNOWN, ctx.source().stringValue(s), ctx.pos(s));
    }

    private BoundExpr bindSigned(SignedExpression s, Scope scope) {
        Expression inner = s.getExpression();
        if (s.getSign() == '+') {
            BoundExpr e = bind(inner, scope);
            return operators.requireIntegerUnary("+", e, ctx.pos(s));
        }
        if (s.getSign() != '-') {
            throw unsupported("the operator " + s.getSign() + " is", s);
        }
        // PostgreSQL folds the minus into a numeric constant, so -2147483648 is an integer.
        if (inner instanceof LongValue v) {
            return Literal.ofInteger(new BigInteger(v.getStringValue()).negate(), ctx.pos(s));
        }
        if (inner instanceof DoubleValue) {
            return numericLiteral(NumericValues.parseNumeric(ctx.source().textOf(inner)).negate(), ctx.pos(s));
        }
        BoundExpr e = operators.requireIntegerUnary("-", bind(inner, scope), ctx.pos(s));
        return new Negate(e, e.dataType());
    }

    private BoundExpr bindArithmetic(BinaryExpression b, Scope scope) {
        Arithmetic.Op op;
        if (b instanceof Addition) {
            op = Arithmetic.Op.ADD;
        } else if (b instanceof Subtraction) {
            op = Arithmetic.Op.SUBTRACT;
        } else if (b instanceof Multiplication) {
            op = Arithmetic.Op.MULTIPLY;
        } else if (b instanceof Division) {
            op = Arithmetic.Op.DIVIDE;
        } else {
            op = Arithmetic.Op.MODULO;
        }
        return operators.arithmetic(op, bind(b.getLeftExpression(), scope), bind(b.getRightExpression(), scope),
                ctx.source().operatorPosition(b.getLeftExpression()));
    }

    private BoundExpr bindComparison(BinaryExpression b, Scope scope) {
        if (b.getRightExpression() instanceof AnyComparisonExpression any) {
            Comparison.Op op = comparisonOp(b);
            return subqueries.quantified(bind(b.getLeftExpression(), scope), op, any.getAnyType() == AnyType.ALL,
                    any.getSelect(), scope, ctx.source().operatorPosition(b.getLeftExpression()));
        }
        if (b.getRightExpression() instanceof Function f && f.getParameters() != null
                && f.getParameters().size() == 1 && f.getName() != null
                && List.of("any", "some", "all").contains(f.getName().toLowerCase(java.util.Locale.ROOT))) {
            return ArrayComparisons.bind(operators, comparisonOp(b), f.getName().equalsIgnoreCase("all"),
                    bind(b.getLeftExpression(), scope), bind(f.getParameters().get(0), scope),
                    ctx.source().operatorPosition(b.getLeftExpression()));
        }
        return operators.compare(comparisonOp(b), bind(b.getLeftExpression(), scope),
                bind(b.getRightExpression(), scope), ctx.source().operatorPosition(b.getLeftExpression()));
    }

    private static Comparison.Op comparisonOp(BinaryExpression b) {
        Comparison.Op op;
        if (b instanceof EqualsTo) {
            op = Comparison.Op.EQ;
        } else if (b instanceof NotEqualsTo) {
            op = Comparison.Op.NE;
        } else if (b instanceof GreaterThan) {
            op = Comparison.Op.GT;
        } else if (b instanceof GreaterThanEquals) {
            op = Comparison.Op.GE;
        } else if (b instanceof MinorThan) {
            op = Comparison.Op.LT;
        } else {
            op = Comparison.Op.LE;
        }
        return op;
    }

    /** Flattens chains of AND (or OR) into one node. */
    private BoundExpr bindLogical(BinaryExpression b, Scope scope) {
        boolean and = b instanceof AndExpression;
        String construct = and ? "AND" : "OR";
        List<BoundExpr> operands = new ArrayList<>();
        collectLogical(b, and, scope, construct, operands);
        return and ? Logic.and(operands) : Logic.or(operands);
    }

    private void collectLogical(Expression e, boolean and, Scope scope, String construct, List<BoundExpr> out) {
        if ((and && e instanceof AndExpression) || (!and && e instanceof OrExpression)) {
            BinaryExpression b = (BinaryExpression) e;
            collectLogical(b.getLeftExpression(), and, scope, construct, out);
            collectLogical(b.getRightExpression(), and, scope, construct, out);
        } else {
            out.add(condition(e, scope, construct));
        }
    }

    private BoundExpr bindLike(LikeExpression l, Scope scope) {
        LikeExpression.KeyWord keyword = l.getLikeKeyWord();
        boolean ilike = keyword == LikeExpression.KeyWord.ILIKE;
        if (keyword != LikeExpression.KeyWord.LIKE && !ilike) {
            throw unsupported(keyword.name().replace('_', ' ') + " is", l);
        }
        String op = (l.isNot() ? "!" : "") + (ilike ? "~~*" : "~~");
        int position = ctx.source().operatorPosition(l.getLeftExpression());
        BoundExpr value = bind(l.getLeftExpression(), scope);
        BoundExpr pattern = bind(l.getRightExpression(), scope);
        BoundExpr[] operands = operators.stringOperands(op, value, pattern, position);
        BoundExpr escape = null;
        if (l.getEscape() != null) {
            escape = operators.toText(bind(l.getEscape(), scope), ctx.pos(l.getEscape()));
        }
        return new Like(operands[0], operands[1], escape, l.isNot(), ilike);
    }

    private BoundExpr bindIn(InExpression in, Scope scope) {
        if (in.getRightExpression() instanceof Select select) {
            BoundExpr any = subqueries.quantified(bind(in.getLeftExpression(), scope), Comparison.Op.EQ, false, select,
                    scope, ctx.source().operatorPosition(in.getLeftExpression()));
            return in.isNot() ? new Logic.Not(any) : any;
        }
        if (!(in.getRightExpression() instanceof ParenthesedExpressionList<?> list)) {
            throw unsupported("this form of IN is", in);
        }
        BoundExpr value = bind(in.getLeftExpression(), scope);
        List<BoundExpr> items = new ArrayList<>();
        for (Expression item : list) {
            items.add(bind(item, scope));
        }
        int position = ctx.source().operatorPosition(in.getLeftExpression());
        BoundExpr[] operands = operators.inListOperands(value, items, position);
        List<BoundExpr> coerced = new ArrayList<>();
        for (int i = 1; i < operands.length; i++) {
            coerced.add(operands[i]);
        }
        return new InList(operands[0], coerced, in.isNot());
    }

    private BoundExpr bindBetween(Between b, Scope scope) {
        if (b.isUsingSymmetric()) {
            throw unsupported("BETWEEN SYMMETRIC is", b);
        }
        int position = ctx.source().operatorPosition(b.getLeftExpression());
        BoundExpr value = bind(b.getLeftExpression(), scope);
        BoundExpr low = bind(b.getBetweenExpressionStart(), scope);
        BoundExpr high = bind(b.getBetweenExpressionEnd(), scope);
        if (b.isNot()) {
            return Logic.or(List.of(operators.compare(Comparison.Op.LT, value, low, position),
                    operators.compare(Comparison.Op.GT, value, high, position)));
        }
        return Logic.and(List.of(operators.compare(Comparison.Op.GE, value, low, position),
                operators.compare(Comparison.Op.LE, value, high, position)));
    }

    private BoundExpr bindCase(CaseExpression c, Scope scope) {
        BoundExpr subject = c.getSwitchExpression() == null ? null : bind(c.getSwitchExpression(), scope);
        List<BoundExpr> conditions = new ArrayList<>();
        List<BoundExpr> results = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        // PostgreSQL considers the ELSE result first when resolving the result type.
        BoundExpr otherwise = null;
        if (c.getElseExpression() != null) {
            otherwise = bind(c.getElseExpression(), scope);
            results.add(otherwise);
            positions.add(ctx.pos(c.getElseExpression()));
        }
        for (WhenClause w : c.getWhenClauses()) {
            if (subject == null) {
                conditions.add(condition(w.getWhenExpression(), scope, "CASE/WHEN"));
            } else {
                BoundExpr candidate = bind(w.getWhenExpression(), scope);
                conditions.add(operators.compare(Comparison.Op.EQ, subject, candidate, ctx.pos(w.getWhenExpression())));
            }
            results.add(bind(w.getThenExpression(), scope));
            positions.add(ctx.pos(w.getThenExpression()));
        }
        DataType type = Coercions.commonType(results, "CASE", positions);
        List<BoundExpr> coerced = Coercions.coerceAll(results, type, "CASE", positions);
        int offset = otherwise == null ? 0 : 1;
        List<CaseExpr.When> whens = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            whens.add(new CaseExpr.When(conditions.get(i), coerced.get(i + offset)));
        }
        return new CaseExpr(whens, otherwise == null ? null : coerced.get(0), type);
    }
}

package org.rustydb.execution.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.expr.Arithmetic;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.CaseExpr;
import org.rustydb.execution.internal.expr.CastExpr;
import org.rustydb.execution.internal.expr.Coalesce;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.expr.Comparison;
import org.rustydb.execution.internal.expr.Concat;
import org.rustydb.execution.internal.expr.FunctionCall;
import org.rustydb.execution.internal.expr.InList;
import org.rustydb.execution.internal.expr.Like;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.expr.Logic;
import org.rustydb.execution.internal.expr.Negate;
import org.rustydb.execution.internal.expr.OuterRef;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;

/**
 * Bound expressions written back as SQL the way PostgreSQL's EXPLAIN writes them (ruleutils):
 * every operator in parentheses, constants other than integers and simple numerics as
 * {@code 'text'::type}, IN lists as {@code = ANY ('{...}'::type[])}. Columns are named by the
 * caller (qualified by their table when the plan reads more than one). A form not known here
 * is written as {@code ?}, so that EXPLAIN never fails on an expression.
 */
public final class ExprText {
    private final IntFunction<String> columns;
    /** The text of forms this class does not know (subqueries, which the caller numbers), or null. */
    private final Function<BoundExpr, String> others;

    private ExprText(IntFunction<String> columns, Function<BoundExpr, String> others) {
        this.columns = columns;
        this.others = others;
    }

    /** The text of {@code e}, whose column {@code i} is named {@code columns.apply(i)}. */
    public static String of(BoundExpr e, IntFunction<String> columns) {
        return new ExprText(columns, null).text(e);
    }

    /** As above, with {@code others} writing the forms not known here (null from it: {@code ?}). */
    public static String of(BoundExpr e, IntFunction<String> columns, Function<BoundExpr, String> others) {
        return new ExprText(columns, others).text(e);
    }

    /** The text of {@code e} over a row whose columns are named by the list. */
    public static String of(BoundExpr e, List<String> columns) {
        return of(e, i -> i < columns.size() ? columns.get(i) : "?column?");
    }

    /** Whether an expression is written without enclosing parentheses of its own (a column or a call). */
    public static boolean isSimple(BoundExpr e) {
        return e instanceof ColumnRef || e instanceof OuterRef || e instanceof FunctionCall
                || e instanceof org.rustydb.execution.internal.expr.Parameter;
    }

    private String text(BoundExpr e) {
        if (e instanceof ColumnRef c) {
            return columns.apply(c.index());
        }
        if (e instanceof OuterRef o) {
            String named = others == null ? null : others.apply(o); // the caller may know the outer row's names
            return named != null ? named : o.name() == null ? "$" + o.index() : o.name();
        }
        if (e instanceof org.rustydb.execution.internal.expr.Parameter p) {
            return "$" + p.number();
        }
        if (e instanceof Literal l) {
            return constant(l.value(), l.dataType());
        }
        if (e instanceof CastExpr c) {
            return cast(c);
        }
        if (e instanceof Comparison c) {
            return "(" + operand(c.left(), c.right()) + " " + c.op().symbol() + " " + operand(c.right(), c.left())
                    + ")";
        }
        if (e instanceof Arithmetic a) {
            return "(" + text(a.left()) + " " + a.op().symbol() + " " + text(a.right()) + ")";
        }
        if (e instanceof Concat c) {
            return "(" + operand(c.left(), c.right()) + " || " + operand(c.right(), c.left()) + ")";
        }
        if (e instanceof Negate n) {
            return "(- " + text(n.operand()) + ")";
        }
        if (e instanceof Logic.Junction j) {
            String op = Boolean.FALSE.equals(j.decisive()) ? " AND " : " OR ";
            List<String> parts = new ArrayList<>();
            for (BoundExpr operand : j.operands()) {
                parts.add(text(operand));
            }
            return "(" + String.join(op, parts) + ")";
        }
        if (e instanceof Logic.Not n) {
            return "(NOT " + text(n.operand()) + ")";
        }
        if (e instanceof Logic.IsNull n) {
            return "(" + text(n.operand()) + (n.negated() ? " IS NOT NULL)" : " IS NULL)");
        }
        if (e instanceof Logic.IsDistinct d) {
            return "(" + text(d.left()) + (d.negated() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ")
                    + text(d.right()) + ")";
        }
        if (e instanceof Logic.IsBoolean b) {
            String value = b.value() == null ? "UNKNOWN" : b.value() ? "TRUE" : "FALSE";
            return "(" + text(b.operand()) + " IS " + (b.negated() ? "NOT " : "") + value + ")";
        }
        if (e instanceof InList in) {
            return inList(in);
        }
        if (e instanceof org.rustydb.execution.internal.expr.ArrayQuantified q
                && q.comparison() instanceof Comparison c) {
            return "(" + text(q.value()) + " " + c.op().symbol() + (q.all() ? " ALL " : " ANY ") + "("
                    + text(q.array()) + "))";
        }
        if (e instanceof Like l && l.escape() == null) {
            String op = (l.negated() ? "!" : "") + (l.caseInsensitive() ? "~~*" : "~~");
            return "(" + operand(l.value(), l.pattern()) + " " + op + " " + operand(l.pattern(), l.value()) + ")";
        }
        if (e instanceof FunctionCall f) {
            List<String> args = new ArrayList<>();
            for (BoundExpr a : f.arguments()) {
                args.add(text(a));
            }
            return f.function().name() + "(" + String.join(", ", args) + ")";
        }
        if (e instanceof Coalesce c) {
            List<String> args = new ArrayList<>();
            for (BoundExpr a : c.arguments()) {
                args.add(text(a));
            }
            return "COALESCE(" + String.join(", ", args) + ")";
        }
        if (e instanceof CaseExpr) {
            return "CASE ... END";
        }
        String other = others == null ? null : others.apply(e);
        return other != null ? other : "?";
    }

    /**
     * An operand of an operator, as PostgreSQL resolves it: varchar compared as text (its columns
     * shown cast, its constants as text), and a number constant compared with a numeric or float
     * operand as a constant of that type.
     */
    private String operand(BoundExpr e, BoundExpr other) {
        if (e.type() == SqlType.VARCHAR) {
            if (e instanceof Literal l) {
                return constant(l.value(), DataType.TEXT);
            }
            if (e instanceof ColumnRef || e instanceof OuterRef) {
                return "(" + text(e) + ")::text";
            }
        }
        if (e instanceof Literal l && l.value() instanceof Number n && other.type() != e.type()) {
            SqlType t = other.type();
            if (t == SqlType.NUMERIC) {
                return constant(new java.math.BigDecimal(n.toString()), other.dataType().typmod() < 0
                        ? other.dataType() : DataType.NUMERIC);
            }
            if (t == SqlType.DOUBLE || t == SqlType.REAL) {
                return constant(t == SqlType.DOUBLE ? (Object) n.doubleValue() : (Object) n.floatValue(),
                        DataType.of(t));
            }
        }
        return text(e);
    }

    /** {@code x IN (1, 2)} is {@code x = ANY ('{1,2}'::integer[])} when the items are constants. */
    private String inList(InList in) {
        List<String> values = new ArrayList<>();
        DataType type = null;
        for (BoundExpr item : in.items()) {
            Object v;
            if (item instanceof Literal l) {
                v = l.value();
            } else if (item instanceof CastExpr c && c.input() instanceof Literal) {
                try {
                    v = c.eval(new Object[0]);
                } catch (RuntimeException failed) {
                    values = null;
                    break;
                }
            } else {
                values = null;
                break;
            }
            // number constants take the type of a numeric or wider value, as IN resolves a common type
            type = v instanceof Number && in.value().type().isNumeric() ? in.value().dataType() : item.dataType();
            values.add(v == null ? "NULL" : arrayElement(Casts.toText(v, item.type())));
        }
        String op = in.negated() ? " <> ALL " : " = ANY ";
        if (values != null && type != null) {
            return "(" + text(in.value()) + op + "('{" + String.join(",", values) + "}'::" + type.displayName()
                    + "[]))";
        }
        List<String> items = new ArrayList<>();
        for (BoundExpr item : in.items()) {
            items.add(text(item));
        }
        return "(" + text(in.value()) + op + "(ARRAY[" + String.join(", ", items) + "]))";
    }

    private static String arrayElement(String s) {
        boolean quote = s.isEmpty() || s.equalsIgnoreCase("null")
                || s.chars().anyMatch(c -> c == ',' || c == '{' || c == '}' || c == '"' || c == '\\' || c == ' ');
        if (!quote) {
            return s;
        }
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private String cast(CastExpr c) {
        if (c.input() instanceof Literal l) {
            // a cast of a constant is folded into a constant of the target type, as the planner does
            try {
                Object v = c.eval(new Object[0]);
                if (!c.explicit() && l.value() instanceof Number && c.type().isInteger() && v != null) {
                    return Casts.toText(v, c.type());
                }
                return constant(v, c.dataType());
            } catch (RuntimeException failed) {
                return "(" + text(l) + ")::" + c.dataType().displayName();
            }
        }
        String input = text(c.input());
        return (isSimple(c.input()) && !(c.input() instanceof FunctionCall) ? "(" + input + ")" : input) + "::"
                + c.dataType().displayName();
    }

    /** A constant as PostgreSQL prints it: integers and plain numerics bare, the rest quoted and cast. */
    static String constant(Object value, DataType type) {
        if (value == null) {
            return "NULL::" + type.displayName();
        }
        SqlType t = type.type();
        if (t == SqlType.UNKNOWN) {
            return quote(String.valueOf(value));
        }
        String text = Casts.toText(value, t);
        if (t == SqlType.BOOLEAN) {
            return text;
        }
        // what reads back as the same type without a cast: a non-negative integer, a numeric with a point
        boolean digits = !text.isEmpty() && text.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.');
        if (digits && (t == SqlType.INTEGER || t == SqlType.NUMERIC && text.indexOf('.') > 0)) {
            return text;
        }
        return quote(text) + "::" + type.displayName();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}

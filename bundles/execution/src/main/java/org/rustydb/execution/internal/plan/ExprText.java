package org.rustydb.execution.internal.plan;

import java.util.ArrayList;
import java.util.List;
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

    private ExprText(IntFunction<String> columns) {
        this.columns = columns;
    }

    /** The text of {@code e}, whose column {@code i} is named {@code columns.apply(i)}. */
    public static String of(BoundExpr e, IntFunction<String> columns) {
        return new ExprText(columns).text(e);
    }

    /** The text of {@code e} over a row whose columns are named by the list. */
    public static String of(BoundExpr e, List<String> columns) {
        return of(e, i -> i < columns.size() ? columns.get(i) : "?column?");
    }

    /** Whether an expression is written without enclosing parentheses of its own (a column or a call). */
    public static boolean isSimple(BoundExpr e) {
        return e instanceof ColumnRef || e instanceof OuterRef || e instanceof FunctionCall;
    }

    private String text(BoundExpr e) {
        if (e instanceof ColumnRef c) {
            return columns.apply(c.index());
        }
        if (e instanceof OuterRef o) {
            return o.name() == null ? "$" + o.index() : o.name();
        }
        if (e instanceof Literal l) {
            return constant(l.value(), l.dataType());
        }
        if (e instanceof CastExpr c) {
            return cast(c);
        }
        if (e instanceof Comparison c) {
            return "(" + text(c.left()) + " " + c.op().symbol() + " " + text(c.right()) + ")";
        }
        if (e instanceof Arithmetic a) {
            return "(" + text(a.left()) + " " + a.op().symbol() + " " + text(a.right()) + ")";
        }
        if (e instanceof Concat c) {
            return "(" + text(c.left()) + " || " + text(c.right()) + ")";
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
        if (e instanceof Like l && l.escape() == null) {
            String op = (l.negated() ? "!" : "") + (l.caseInsensitive() ? "~~*" : "~~");
            return "(" + text(l.value()) + " " + op + " " + text(l.pattern()) + ")";
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
        return "?";
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
            type = item.dataType();
            values.add(v == null ? "NULL" : arrayElement(Casts.toText(v, type.type())));
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
        if ((t == SqlType.INTEGER || t == SqlType.NUMERIC) && !text.startsWith("-")
                && text.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.')) {
            return text;
        }
        return quote(text) + "::" + type.displayName();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}

package org.rustydb.execution.internal.binder;

import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.expr.Arithmetic;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.Comparison;
import org.rustydb.execution.internal.expr.Concat;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.types.Casts;
import org.rustydb.execution.internal.types.DataType;

/**
 * Operator resolution for the supported types, following PostgreSQL: an unknown constant takes
 * the type of the other operand, numbers widen along PostgreSQL's implicit casts (integers, numeric,
 * real, double precision), date/time operands follow {@link DateTimeOperators}, and anything without
 * an operator fails with {@code operator does not exist: text = integer} (42883).
 */
final class OperatorBinder {
    private static final String NO_OPERATOR_HINT =
            "No operator matches the given name and argument types. You might need to add explicit type casts.";
    private static final String NOT_UNIQUE_HINT =
            "Could not choose a best candidate operator. You might need to add explicit type casts.";

    private final BindContext ctx;

    OperatorBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    /** Integer {@code &} and {@code |}, of the wider operand type; an untyped constant takes the other's. */
    BoundExpr bitwise(boolean and, BoundExpr left, BoundExpr right, int position) {
        String symbol = and ? "&" : "|";
        if (isUnknown(left) && !isUnknown(right) && right.type().isInteger()) {
            left = literalAs(left, right.dataType());
        } else if (isUnknown(right) && !isUnknown(left) && left.type().isInteger()) {
            right = literalAs(right, left.dataType());
        }
        if (!left.type().isInteger() || !right.type().isInteger()) {
            throw noOperator(left, symbol, right, position);
        }
        SqlType type = Casts.widerOrEqual(left.type(), right.type()) ? left.type() : right.type();
        DataType t = DataType.of(type);
        return new org.rustydb.execution.internal.expr.Bitwise(and, implicit(left, t), implicit(right, t), t);
    }

    BoundExpr arithmetic(Arithmetic.Op op, BoundExpr left, BoundExpr right, int position) {
        if (isUnknown(left) && isUnknown(right)) {
            throw notUnique(left.dataType().displayName() + " " + op.symbol() + " " + right.dataType().displayName(),
                    position);
        }
        if (isUnknown(left)) {
            left = literalAs(left, unknownOperandType(op, left, right, right, position));
        } else if (isUnknown(right)) {
            right = literalAs(right, unknownOperandType(op, left, right, left, position));
        }
        SqlType l = left.type();
        SqlType r = right.type();
        if (l.isInteger() && r.isInteger()) {
            SqlType type = Casts.widerOrEqual(l, r) ? l : r;
            return new Arithmetic(op, left, right, DataType.of(type));
        }
        if (l.isNumeric() && r.isNumeric()) {
            SqlType type = Casts.numericRank(l) >= Casts.numericRank(r) ? l : r;
            if (type == SqlType.REAL && l != r) {
                type = SqlType.DOUBLE; // the float4/float8 cross operators win over int/numeric-to-float4 casts
            }
            if (op == Arithmetic.Op.MODULO && type.isFloat()) {
                throw noOperator(left, op.symbol(), right, position);
            }
            DataType t = DataType.of(type);
            return new Arithmetic(op, implicit(left, t), implicit(right, t), t);
        }
        BoundExpr dateTime = DateTimeOperators.arithmetic(op, left, right);
        if (dateTime == null) {
            throw noOperator(left, op.symbol(), right, position);
        }
        return dateTime;
    }

    /**
     * The type an unknown constant takes opposite {@code known}: the known type when the operator
     * exists for two of it, interval added to a point in time; otherwise the operator is ambiguous.
     */
    private DataType unknownOperandType(Arithmetic.Op op, BoundExpr left, BoundExpr right, BoundExpr known,
                                        int position) {
        SqlType t = known.type();
        boolean additive = op == Arithmetic.Op.ADD || op == Arithmetic.Op.SUBTRACT;
        if (t == SqlType.DATE && op != Arithmetic.Op.SUBTRACT
                || t == SqlType.INTERVAL && !additive) {
            throw notUnique(left.dataType().displayName() + " " + op.symbol() + " " + right.dataType().displayName(),
                    position);
        }
        if ((t == SqlType.TIMESTAMP || t == SqlType.TIMESTAMPTZ || t == SqlType.TIME) && op == Arithmetic.Op.ADD) {
            return DataType.INTERVAL;
        }
        return DataType.of(t);
    }

    private static BoundExpr implicit(BoundExpr e, DataType type) {
        BoundExpr c = Coercions.coerce(e, type, Casts.Context.IMPLICIT);
        if (c == null) {
            throw new IllegalStateException("no implicit cast from " + e.dataType() + " to " + type);
        }
        return c;
    }

    BoundExpr compare(Comparison.Op op, BoundExpr left, BoundExpr right, int position) {
        BoundExpr[] operands = comparable(op.symbol(), left, right, position);
        return new Comparison(op, operands[0], operands[1]);
    }

    /** The operands of a comparison after resolving unknown constants and mixed types, or 42883. */
    private BoundExpr[] comparable(String symbol, BoundExpr left, BoundExpr right, int position) {
        if (isUnknown(left) && isUnknown(right)) {
            return new BoundExpr[] {literalAs(left, DataType.TEXT), literalAs(right, DataType.TEXT)};
        }
        if (isUnknown(left)) {
            left = literalAs(left, DataType.of(right.type()));
        } else if (isUnknown(right)) {
            right = literalAs(right, DataType.of(left.type()));
        }
        SqlType l = left.type();
        SqlType r = right.type();
        if (Coercions.category(l) != Coercions.category(r)) {
            throw noOperator(left, symbol, right, position);
        }
        if (l.isString() && (l == SqlType.CHAR) != (r == SqlType.CHAR)) {
            // character(n) meets another string type as text, without its padding
            return new BoundExpr[] {l == SqlType.CHAR ? implicit(left, DataType.TEXT) : left,
                    r == SqlType.CHAR ? implicit(right, DataType.TEXT) : right};
        }
        if (l.isDateTime() && l != r) {
            if (l == SqlType.TIME || r == SqlType.TIME) {
                throw noOperator(left, symbol, right, position);
            }
            DataType wider = DataType.of(Casts.canCast(l, r, Casts.Context.IMPLICIT) ? r : l);
            return new BoundExpr[] {implicit(left, wider), implicit(right, wider)};
        }
        char category = Coercions.category(l);
        if (l == SqlType.JSON || r == SqlType.JSON || (category == 'U' && l != r)) {
            throw noOperator(left, symbol, right, position);
        }
        if (category == 'A' && Coercions.category(l.elementType()) != Coercions.category(r.elementType())) {
            throw noOperator(left, symbol, right, position);
        }
        return new BoundExpr[] {left, right};
    }

    /** The || operator: text with text, or text with any other type on either side. */
    BoundExpr concat(BoundExpr left, BoundExpr right, int position) {
        boolean leftString = left.type().isString();
        boolean rightString = right.type().isString();
        if (!leftString && !rightString) {
            throw noOperator(left, "||", right, position);
        }
        return new Concat(unpadded(Coercions.resolveUnknown(left)), unpadded(Coercions.resolveUnknown(right)));
    }

    /** character(n) becomes text, losing its padding, where an operator takes text. */
    private static BoundExpr unpadded(BoundExpr e) {
        return e.type() == SqlType.CHAR ? implicit(e, DataType.TEXT) : e;
    }

    /** Operands of LIKE and ILIKE, which exist for string types only. */
    BoundExpr[] stringOperands(String symbol, BoundExpr left, BoundExpr right, int position) {
        if (!left.type().isString() || !right.type().isString()) {
            throw noOperator(left, symbol, right, position);
        }
        return new BoundExpr[] {unpadded(Coercions.resolveUnknown(left)), unpadded(Coercions.resolveUnknown(right))};
    }

    /** The value and items of an IN list, each made comparable with the value. */
    BoundExpr[] inListOperands(BoundExpr value, List<BoundExpr> items, int position) {
        if (isUnknown(value)) {
            DataType known = DataType.TEXT;
            for (BoundExpr item : items) {
                if (!isUnknown(item)) {
                    known = DataType.of(item.type());
                    break;
                }
            }
            value = literalAs(value, known);
        }
        BoundExpr[] out = new BoundExpr[items.size() + 1];
        out[0] = value;
        for (int i = 0; i < items.size(); i++) {
            out[i + 1] = comparable("=", value, items.get(i), position)[1];
        }
        return out;
    }

    /** Checks the operand of unary + or -: a number, or an interval. */
    BoundExpr requireIntegerUnary(String symbol, BoundExpr operand, int position) {
        if (isUnknown(operand)) {
            throw notUnique(symbol + " " + operand.dataType().displayName(), position);
        }
        if (!operand.type().isNumeric() && operand.type() != SqlType.INTERVAL) {
            throw DbException.of(SqlState.UNDEFINED_FUNCTION, "operator does not exist: %s %s", symbol,
                    operand.dataType().displayName()).withHint(NO_OPERATOR_HINT).withPosition(position);
        }
        return operand;
    }

    /** A string-typed operand (unknown constants become text), e.g. for ESCAPE. */
    BoundExpr toText(BoundExpr e, int position) {
        BoundExpr c = Coercions.coerce(e, DataType.TEXT, Casts.Context.IMPLICIT);
        if (c == null) {
            throw DbException.of(SqlState.DATATYPE_MISMATCH, "argument of ESCAPE must be type text, not type %s",
                    e.dataType().displayName()).withPosition(position);
        }
        return c;
    }

    private static boolean isUnknown(BoundExpr e) {
        return e.type() == SqlType.UNKNOWN;
    }

    private static BoundExpr literalAs(BoundExpr e, DataType type) {
        if (e instanceof Literal literal) {
            return Coercions.convertLiteral(literal, type, false);
        }
        if (e instanceof org.rustydb.execution.internal.expr.Parameter p && p.isUnknown()) {
            return p.resolve(type);
        }
        return e;
    }

    static DbException noOperator(BoundExpr left, String symbol, BoundExpr right, int position) {
        return DbException.of(SqlState.UNDEFINED_FUNCTION, "operator does not exist: %s %s %s",
                        left.dataType().type().sqlName(), symbol, right.dataType().type().sqlName())
                .withHint(NO_OPERATOR_HINT).withPosition(position);
    }

    private DbException notUnique(String signature, int position) {
        return DbException.of(SqlState.AMBIGUOUS_FUNCTION, "operator is not unique: %s", signature)
                .withHint(NOT_UNIQUE_HINT).withPosition(position);
    }
}

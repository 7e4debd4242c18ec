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
 * the type of the other operand, integer operands widen to the wider type, and anything without an
 * operator fails with {@code operator does not exist: text = integer} (42883).
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

    BoundExpr arithmetic(Arithmetic.Op op, BoundExpr left, BoundExpr right, int position) {
        if (isUnknown(left) && isUnknown(right)) {
            throw notUnique(left.dataType().displayName() + " " + op.symbol() + " " + right.dataType().displayName(),
                    position);
        }
        if (isUnknown(left) && right.type().isInteger()) {
            left = literalAs(left, right.dataType());
        } else if (isUnknown(right) && left.type().isInteger()) {
            right = literalAs(right, left.dataType());
        }
        if (!left.type().isInteger() || !right.type().isInteger()) {
            throw noOperator(left, op.symbol(), right, position);
        }
        SqlType type = Casts.widerOrEqual(left.type(), right.type()) ? left.type() : right.type();
        return new Arithmetic(op, left, right, DataType.of(type));
    }

    BoundExpr compare(Comparison.Op op, BoundExpr left, BoundExpr right, int position) {
        BoundExpr[] operands = comparable(op.symbol(), left, right, position);
        return new Comparison(op, operands[0], operands[1]);
    }

    /** The operands of a comparison after resolving unknown constants, or 42883. */
    private BoundExpr[] comparable(String symbol, BoundExpr left, BoundExpr right, int position) {
        if (isUnknown(left) && isUnknown(right)) {
            return new BoundExpr[] {literalAs(left, DataType.TEXT), literalAs(right, DataType.TEXT)};
        }
        if (isUnknown(left)) {
            left = literalAs(left, DataType.of(right.type()));
        } else if (isUnknown(right)) {
            right = literalAs(right, DataType.of(left.type()));
        }
        if (Coercions.category(left.type()) != Coercions.category(right.type())) {
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
        return new Concat(Coercions.resolveUnknown(left), Coercions.resolveUnknown(right));
    }

    /** Operands of LIKE and ILIKE, which exist for string types only. */
    BoundExpr[] stringOperands(String symbol, BoundExpr left, BoundExpr right, int position) {
        if (!left.type().isString() || !right.type().isString()) {
            throw noOperator(left, symbol, right, position);
        }
        return new BoundExpr[] {Coercions.resolveUnknown(left), Coercions.resolveUnknown(right)};
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

    /** Checks the operand of unary + or -. */
    BoundExpr requireIntegerUnary(String symbol, BoundExpr operand, int position) {
        if (isUnknown(operand)) {
            throw notUnique(symbol + " " + operand.dataType().displayName(), position);
        }
        if (!operand.type().isInteger()) {
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
        return e;
    }

    private DbException noOperator(BoundExpr left, String symbol, BoundExpr right, int position) {
        return DbException.of(SqlState.UNDEFINED_FUNCTION, "operator does not exist: %s %s %s",
                        left.dataType().type().sqlName(), symbol, right.dataType().type().sqlName())
                .withHint(NO_OPERATOR_HINT).withPosition(position);
    }

    private DbException notUnique(String signature, int position) {
        return DbException.of(SqlState.AMBIGUOUS_FUNCTION, "operator is not unique: %s", signature)
                .withHint(NOT_UNIQUE_HINT).withPosition(position);
    }
}

package org.rustydb.execution.internal.expr;

import org.rustydb.api.SqlType;
import org.rustydb.execution.internal.types.Comparisons;
import org.rustydb.execution.internal.types.MiscValues;
import org.rustydb.execution.internal.types.DataType;

/** A comparison of two values of comparable types; NULL if either is NULL. */
public record Comparison(Op op, BoundExpr left, BoundExpr right) implements BoundExpr {

    public enum Op {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean test(int cmp) {
            return switch (this) {
                case EQ -> cmp == 0;
                case NE -> cmp != 0;
                case LT -> cmp < 0;
                case LE -> cmp <= 0;
                case GT -> cmp > 0;
                case GE -> cmp >= 0;
            };
        }
    }

    @Override
    public DataType dataType() {
        return DataType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row) {
        Object a = left.eval(row);
        if (a == null) {
            return null;
        }
        Object b = right.eval(row);
        if (b == null) {
            return null;
        }
        if (left.type() == SqlType.CHAR && right.type() == SqlType.CHAR) {
            // character(n) compares without its padding
            return op.test(Comparisons.compareStrings(MiscValues.trimTrailing((String) a),
                    MiscValues.trimTrailing((String) b)));
        }
        return op.test(Comparisons.compare(a, b));
    }
}

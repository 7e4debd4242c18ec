package org.rustydb.execution.internal.binder;

import java.util.ArrayList;
import java.util.List;

import org.rustydb.api.DbException;
import org.rustydb.api.SqlState;
import org.rustydb.execution.internal.expr.ArrayConstructor;
import org.rustydb.execution.internal.expr.ArrayQuantified;
import org.rustydb.execution.internal.expr.BoundExpr;
import org.rustydb.execution.internal.expr.CastExpr;
import org.rustydb.execution.internal.expr.ColumnRef;
import org.rustydb.execution.internal.expr.Comparison;
import org.rustydb.execution.internal.expr.InList;
import org.rustydb.execution.internal.expr.Literal;
import org.rustydb.execution.internal.types.DataType;

/**
 * Binds {@code x op ANY (array)} and {@code x op ALL (array)}. Over a constant array, {@code = ANY}
 * and {@code <> ALL} become the IN list they mean (so that an index can serve them, and EXPLAIN
 * prints them as PostgreSQL does); otherwise each element is compared in turn.
 */
final class ArrayComparisons {
    private static final Object[] NO_ROW = new Object[0];

    private ArrayComparisons() {
    }

    static BoundExpr bind(OperatorBinder operators, Comparison.Op op, boolean all, BoundExpr value, BoundExpr array,
                          int position) {
        if (array instanceof Literal lit && lit.isUnknown()) {
            DataType target = value.type() == org.rustydb.api.SqlType.UNKNOWN ? DataType.TEXT.arrayOf()
                    : value.dataType().arrayOf();
            if (target == null) {
                target = DataType.TEXT.arrayOf();
            }
            array = Coercions.convertLiteral(lit, target, false);
        }
        if (!array.type().isArray()) {
            throw DbException.of(SqlState.WRONG_OBJECT_TYPE, "op ANY/ALL (array) requires array on right side")
                    .withPosition(position);
        }
        DataType element = array.dataType().element();
        if (value instanceof Literal lit && lit.isUnknown()) {
            value = Coercions.convertLiteral(lit, element, false);
        }
        List<?> constant = constant(array);
        if (constant != null && (op == Comparison.Op.EQ && !all || op == Comparison.Op.NE && all)) {
            List<BoundExpr> items = new ArrayList<>();
            for (Object v : constant) {
                items.add(new Literal(element, v, -1));
            }
            if (!items.isEmpty()) {
                BoundExpr[] operands = operators.inListOperands(value, items, position);
                return new InList(operands[0], List.of(operands).subList(1, operands.length), all);
            }
        }
        BoundExpr comparison = operators.compare(op, new ColumnRef(0, value.dataType(), null),
                new ColumnRef(1, element, null), position);
        return new ArrayQuantified(value, array, comparison, all);
    }

    /** The elements of an array written as constants, or null. */
    private static List<?> constant(BoundExpr array) {
        boolean constant = array instanceof Literal || array instanceof CastExpr c && c.input() instanceof Literal
                || array instanceof ArrayConstructor a && a.elements().stream().allMatch(
                        e -> e instanceof Literal || e instanceof CastExpr c && c.input() instanceof Literal);
        if (!constant) {
            return null;
        }
        try {
            return (List<?>) array.eval(NO_ROW);
        } catch (RuntimeException e) {
            return null; // reported when the expression runs, as without the rewrite
        }
    }
}
